// The ChiseLLM compile server: one warm JVM holding a scalac `Global` with the Chisel plugin.
// Protocol: one JSON object per line on stdin, one per line on stdout (the real stdout; System.out is
// redirected to a capped buffer so candidate code can never corrupt the protocol).
//   {"op":"compile","batch":[{"id","source","harness"}]}  -> {"op":"compiled","results":[{"id","ok","errors","harness_errors"}],"ms"}
//   {"op":"elaborate","id","pkg"}                          -> {"op":"elaborated","id","ok","firrtl"|"kind","message","output","ms"}
//   {"op":"ping"}                                          -> {"op":"pong"}
// Candidates live in their own packages, so one candidate's error never fails another: files with errors
// are dropped and the rest recompiled. Elaboration runs candidate code under `Guard`, a SecurityManager that
// denies file access outside the JDK and toolchain, sockets, process spawning and System.exit.
package chisellm.server

import java.io.{FileDescriptor, FileOutputStream, OutputStream, PrintStream}
import java.security.Permission

import scala.collection.mutable
import scala.reflect.internal.util.BatchSourceFile
import scala.reflect.io.VirtualDirectory
import scala.tools.nsc.{Global, Settings}
import scala.tools.nsc.reporters.StoreReporter
import scala.tools.nsc.util.ClassPath
import scala.reflect.internal.util.AbstractFileClassLoader

final class SandboxViolation(msg: String) extends SecurityException(msg)
final class OutputLimitExceeded extends RuntimeException("output limit exceeded")

/** Output stream that keeps at most `limit` bytes and throws once a candidate writes past it. */
final class CappedOutput(limit: Int) extends OutputStream {
  private val buf = new java.io.ByteArrayOutputStream()
  @volatile var exceeded = false
  def reset(): Unit = synchronized { buf.reset(); exceeded = false }
  def text: String = synchronized { buf.toString("UTF-8") }
  override def write(b: Int): Unit = synchronized {
    if (buf.size >= limit) { exceeded = true; if (Guard.untrusted.get) throw new OutputLimitExceeded }
    else buf.write(b)
  }
  override def write(b: Array[Byte], off: Int, len: Int): Unit = synchronized {
    val room = limit - buf.size
    buf.write(b, off, math.max(0, math.min(room, len)))
    if (len > room) { exceeded = true; if (Guard.untrusted.get) throw new OutputLimitExceeded }
  }
}

object Guard {
  val untrusted: InheritableThreadLocal[java.lang.Boolean] = new InheritableThreadLocal[java.lang.Boolean] {
    override def initialValue(): java.lang.Boolean = java.lang.Boolean.FALSE
  }
  @volatile var readRoots: Seq[String] = Nil
  @volatile var violation: Option[String] = None
}

/** Denies, in untrusted threads only, what elaboration never needs. Records the first violation, so a
  * candidate that catches the SecurityException is still reported. */
final class Guard extends SecurityManager {
  private def deny(what: String): Nothing = {
    if (Guard.violation.isEmpty) Guard.violation = Some(what)
    throw new SandboxViolation(what)
  }
  // Elaboration never needs threads of its own; a candidate's threads would outlive its verdict.
  override def checkAccess(g: ThreadGroup): Unit = if (Guard.untrusted.get) deny("thread creation")
  override def checkAccess(t: Thread): Unit = if (Guard.untrusted.get && (t ne Thread.currentThread())) deny("thread access")
  override def checkPermission(perm: Permission): Unit = if (Guard.untrusted.get) check(perm)
  override def checkPermission(perm: Permission, context: Object): Unit = if (Guard.untrusted.get) check(perm)
  private def check(perm: Permission): Unit = perm match {
    case p: java.io.FilePermission =>
      val actions = p.getActions
      if (actions.contains("write") || actions.contains("delete") || actions.contains("execute"))
        deny(s"file ${actions} ${p.getName}")
      // Class loaders probe classpath folders for .class files of candidates: harmless, allow.
      if (p.getName.contains("..")) deny(s"file read ${p.getName}")
      if (!p.getName.endsWith(".class") && !Guard.readRoots.exists(root => p.getName.startsWith(root)))
        deny(s"file read ${p.getName}")
    case p: java.net.SocketPermission => deny(s"network ${p.getActions} ${p.getName}")
    case p: RuntimePermission =>
      val n = p.getName
      if (n.startsWith("exitVM")) deny("System.exit")
      if (n == "setSecurityManager" || n == "createSecurityManager" || n == "setIO" ||
          n.startsWith("loadLibrary") || n == "shutdownHooks" || n == "setFactory") deny(s"runtime $n")
    case p: java.util.PropertyPermission if p.getActions.contains("write") => deny(s"property write ${p.getName}")
    case _ =>
  }
}

object CompileServer {
  private val proto = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8")
  private val captured = new CappedOutput(1 << 20)

  def main(args: Array[String]): Unit = {
    // args: <classpath for candidates> <chisel plugin jar> <comma-separated read roots>
    val Array(candidateClasspath, pluginJar, roots) = args.take(3)
    val capture = new PrintStream(captured, true, "UTF-8")
    System.setOut(capture)
    System.setErr(capture)
    Guard.readRoots = roots.split(",").filter(_.nonEmpty).toSeq
    val compiler = new Compiler(candidateClasspath, pluginJar)
    // Load what the guard and the elaborator need before untrusted code can run.
    new Guard().checkPermission(new RuntimePermission("x"))
    System.setSecurityManager(new Guard)
    val in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, "UTF-8"))
    var line = in.readLine()
    while (line != null) {
      val reply =
        try handle(ujson.read(line), compiler)
        catch { case e: Throwable => ujson.Obj("op" -> "error", "message" -> describe(e)) }
      proto.println(ujson.write(reply))
      proto.flush()
      line = in.readLine()
    }
  }

  private def handle(req: ujson.Value, compiler: Compiler): ujson.Value = req("op").str match {
    case "ping" => ujson.Obj("op" -> "pong")
    case "compile" =>
      val t0 = System.nanoTime()
      val items = req("batch").arr.map(c => Item(c("id").str, c("source").str, c("harness").str)).toSeq
      val results = compiler.compile(items)
      ujson.Obj("op" -> "compiled", "results" -> ujson.Arr(results: _*), "ms" -> (System.nanoTime() - t0) / 1e6)
    case "elaborate" =>
      val t0 = System.nanoTime()
      val out = Elaborator.run(compiler, req("id").str, req("pkg").str, req("max_firrtl").num.toInt,
        req("timeout_ms").num.toLong, captured)
      out("ms") = (System.nanoTime() - t0) / 1e6
      out
    case other => ujson.Obj("op" -> "error", "message" -> s"unknown op $other")
  }

  def describe(e: Throwable): String = {
    val msg = Option(e.getMessage).getOrElse("")
    s"${e.getClass.getName}${if (msg.nonEmpty) ": " + msg else ""}"
  }
}

final case class Item(id: String, source: String, harness: String)

/** A scalac `Global` kept warm between batches; each batch compiles into a fresh in-memory directory. */
final class Compiler(classpath: String, pluginJar: String) {
  private val settings = new Settings(msg => throw new IllegalArgumentException(msg))
  settings.classpath.value = classpath
  settings.plugin.value = List(pluginJar)
  settings.require.value = Nil
  settings.nowarn.value = true
  settings.processArgumentString("-language:reflectiveCalls -language:implicitConversions -language:higherKinds -Xsource:2.13")
  private val reporter = new StoreReporter(settings)
  private var output = new VirtualDirectory("(memory)", None)
  settings.outputDirs.setSingleOutput(output)
  private val global = new Global(settings, reporter)
  var loader: ClassLoader = getClass.getClassLoader

  /** Compile a batch; drop failing candidates and recompile the rest until the survivors compile clean. */
  def compile(items: Seq[Item]): Seq[ujson.Value] = {
    val errors = mutable.Map[String, ujson.Arr]()
    val harnessErrors = mutable.Map[String, ujson.Arr]()
    var live = items
    var harnessLive = items.map(_.id).toSet
    var rounds = 0
    var clean = false
    while (!clean && rounds < 6 && live.nonEmpty) {
      rounds += 1
      val found = run(live, harnessLive)
      if (found.isEmpty) clean = true
      else {
        val bad = found.keySet.collect { case (id, false) => id }
        val badHarness = found.keySet.collect { case (id, true) => id } -- bad
        for (id <- bad) errors(id) = found((id, false))
        for (id <- badHarness) harnessErrors(id) = found((id, true))
        live = live.filterNot(i => bad(i.id))
        harnessLive = harnessLive -- bad -- badHarness
        if (bad.isEmpty && badHarness.isEmpty) { // errors not attributable to a file: fail the batch's survivors
          for (i <- live) errors(i.id) = ujson.Arr(diag(1, 1, "error", "compiler failed without a located error"))
          live = Nil
        }
      }
    }
    if (!clean) for (i <- live) errors.getOrElseUpdate(i.id, ujson.Arr(diag(1, 1, "error", "did not compile clean after retries")))
    items.map { i =>
      ujson.Obj("id" -> i.id, "ok" -> !errors.contains(i.id), "errors" -> errors.getOrElse(i.id, ujson.Arr()),
        "harness_errors" -> harnessErrors.getOrElse(i.id, ujson.Arr()))
    }
  }

  private def diag(line: Int, col: Int, sev: String, msg: String): ujson.Value =
    ujson.Obj("line" -> line, "column" -> col, "severity" -> sev, "message" -> msg)

  /** One scalac run. Returns errors keyed by (candidate id, isHarness). */
  private def run(items: Seq[Item], harnessLive: Set[String]): Map[(String, Boolean), ujson.Arr] = {
    reporter.reset()
    output = new VirtualDirectory("(memory)", None)
    settings.outputDirs.setSingleOutput(output)
    val sources = items.flatMap { i =>
      val main = new BatchSourceFile(s"${i.id}.scala", i.source)
      if (harnessLive(i.id)) Seq(main, new BatchSourceFile(s"${i.id}.harness.scala", i.harness)) else Seq(main)
    }
    val r = new global.Run
    try r.compileSources(sources.toList)
    catch {
      case e: Throwable =>
        // A compiler crash: attribute it to every file of this run so the caller bisects by dropping them.
        return items.map(i => (i.id, false) -> ujson.Arr(diag(1, 1, "error", s"compiler crash: ${CompileServer.describe(e)}"))).toMap
    }
    val found = mutable.Map[(String, Boolean), ujson.Arr]()
    for (info <- reporter.infos if info.severity == reporter.ERROR) {
      val pos = info.pos
      if (pos.isDefined) {
        val name = pos.source.file.name
        val isHarness = name.endsWith(".harness.scala")
        val id = name.stripSuffix(".harness.scala").stripSuffix(".scala")
        found.getOrElseUpdate((id, isHarness), ujson.Arr()).arr += diag(pos.line, pos.column, "error", info.msg)
      } else {
        // An error without position (e.g. plugin failure): blame all, forcing per-candidate isolation next round.
        for (i <- items) found.getOrElseUpdate((i.id, false), ujson.Arr()).arr += diag(1, 1, "error", info.msg)
      }
    }
    if (found.isEmpty) loader = new AbstractFileClassLoader(output, getClass.getClassLoader)
    found.toMap
  }
}

/** Runs a candidate's harness `make()` inside ChiselStage in a guarded thread with a large stack. */
object Elaborator {
  def run(compiler: Compiler, id: String, pkg: String, maxFirrtl: Int, timeoutMs: Long, captured: CappedOutput): ujson.Obj = {
    captured.reset()
    Guard.violation = None
    var result: Either[Throwable, String] = Left(new IllegalStateException("elaboration did not run"))
    val loader = compiler.loader
    val body: Runnable = () => {
      Guard.untrusted.set(java.lang.Boolean.TRUE)
      Thread.currentThread().setContextClassLoader(loader)
      result =
        try {
          val harness = loader.loadClass(s"$pkg.ChiselLLMHarness$$")
          val instance = harness.getField("MODULE$").get(null)
          val make = harness.getMethod("make")
          Right(Console.withOut(System.out) { Console.withErr(System.err) {
            circt.stage.ChiselStage.emitCHIRRTL(make.invoke(instance).asInstanceOf[chisel3.RawModule])
          } })
        } catch { case e: Throwable => Left(unwrap(e)) }
    }
    val thread = new Thread(null, body, s"elaborate-$id", 64L << 20)
    thread.start()
    thread.join(timeoutMs)
    val output = tail(captured.text, 4000)
    def fail(kind: String, message: String) =
      ujson.Obj("op" -> "elaborated", "id" -> id, "ok" -> false, "kind" -> kind, "message" -> message, "output" -> output)
    if (thread.isAlive) {
      // Stop the runaway generator (JDK 17 still supports Thread.stop); if it will not die, ask for a restart.
      try { thread.stop(); thread.join(2000) } catch { case _: Throwable => }
      val out = fail("timeout", s"elaboration took longer than ${timeoutMs / 1000} s (an infinite loop in the generator?)")
      out("restart") = thread.isAlive
      return out
    }
    (Guard.violation, result) match {
      case (Some(v), _) => fail("sandbox", s"sandbox violation: $v")
      case (_, _) if captured.exceeded => fail("resource", "output limit exceeded (more than 1 MiB printed during elaboration)")
      case (_, Left(e: OutOfMemoryError)) => fail("resource_restart", s"out of memory during elaboration: ${e.getMessage}")
      case (_, Left(e: StackOverflowError)) => fail("resource", "stack overflow during elaboration (unbounded recursion?)")
      case (_, Left(e)) => fail("error", chiselMessage(e))
      case (_, Right(firrtl)) if firrtl.length > maxFirrtl =>
        fail("resource", s"elaborated circuit too large (${firrtl.length} characters of FIRRTL, limit $maxFirrtl)")
      case (_, Right(firrtl)) => ujson.Obj("op" -> "elaborated", "id" -> id, "ok" -> true, "firrtl" -> firrtl, "output" -> output)
    }
  }

  private def unwrap(e: Throwable): Throwable = e match {
    case i: java.lang.reflect.InvocationTargetException if i.getCause != null => unwrap(i.getCause)
    case i: ExceptionInInitializerError if i.getCause != null => unwrap(i.getCause)
    case other => other
  }

  private def tail(s: String, n: Int): String = if (s.length <= n) s else s.takeRight(n)

  /** The user-facing part of an elaboration failure: Chisel's message plus the candidate's frames. */
  private def chiselMessage(e: Throwable): String = {
    val base = CompileServer.describe(e)
    // The candidate's own frames only: the harness that constructs the top is the engine's, not the candidate's.
    val frames = e.getStackTrace.filter(f => f.getClassName.startsWith("cand_") && !f.getClassName.contains("ChiselLLMHarness")).take(3)
      .map(f => s"  at ${f.getClassName.replaceAll("^cand_[^.]+\\.", "")}.${f.getMethodName} (line ${f.getLineNumber - 1})")
    val cause = Option(e.getCause).filter(_ ne e).map(c => s"\ncaused by ${CompileServer.describe(c)}").getOrElse("")
    (base +: frames).mkString("\n") + cause
  }
}
