// An elaboration worker: a JVM of its own, inside the OS sandbox, that runs candidate generators.
//
// The OS sandbox (bubblewrap: new user namespace, no capabilities, seccomp, no network, a read-only file system,
// no /proc) is the boundary; what follows is a second line that keeps one candidate from changing what the next
// one sees:
// - Candidate classes (already checked by BytecodePolicy) load through their own class loader whose parent sees
//   Chisel and Scala only, never this worker's classes.
// - Candidate code runs only on its own thread. Its result and any failure are turned into plain strings on
//   that thread (messages, toString), under the same CPU budget; the main thread never calls candidate code.
// - On JDKs that still have a SecurityManager (up to 23), candidate classes carry a protection domain with
//   almost no permissions, so any permission check made while candidate code is on the stack fails, whichever
//   thread it runs on.
// - After each candidate the worker compares JVM-wide state (threads, system properties, standard streams,
//   security manager, default locale and time zone) with what it was before; a change is reported and the worker
//   exits, as it does after a timeout, an Error (out of memory, stack overflow, class-initialisation failures),
//   so that no later candidate runs in a JVM an earlier one may have bent.
//
// Requests: {"op":"elaborate","id","nonce","pkg","classes":{"name":"base64"},"cpu_ms","wall_ms","heap_mb",
//            "max_firrtl"}
//        -> {"op":"elaborated","id","nonce","ok","firrtl"|"kind","message","output","cpu_ms","restart"}
//           kind: error | sandbox | resource | timeout;  restart: the worker exits after this reply
//           {"op":"ping","id","nonce"} -> {"op":"pong","id","nonce","java","guard"}
package chisellm.server

import java.io.PrintStream
import java.lang.management.ManagementFactory
import java.net.{URL, URLClassLoader}
import java.security.{AccessControlContext, AccessController, CodeSource, Permission, Permissions, Policy, ProtectionDomain}
import java.util.Base64

object ElabWorker {
  def main(args: Array[String]): Unit = {
    // args: <request pipe> <reply pipe> <class path of the candidates' libraries> <guard: on|off>
    val Array(requestPath, replyPath, libraries, guardFlag) = args.take(4)
    // Settle JVM-wide state that is initialised lazily (the first TimeZone.getDefault sets user.timezone), so that
    // the before/after comparison sees only what a candidate changed.
    java.util.TimeZone.getDefault
    java.util.Locale.getDefault
    val captured = new CappedOutput(1 << 20)
    val stream = new PrintStream(captured, true, "UTF-8")
    System.setOut(stream)
    System.setErr(stream)
    val urls = libraries.split(java.io.File.pathSeparatorChar).filter(_.nonEmpty).map(p => new java.io.File(p).toURI.toURL)
    val libraryLoader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader)
    val domain = Sandbox.candidateDomain()
    Sandbox.trace = guardFlag == "trace"
    val guard = if (guardFlag != "off") Some(Sandbox.install(domain)) else None
    val channel = Channel.open(requestPath, replyPath, 256 << 20)
    val worker = new Worker(libraryLoader, domain, guard, captured)
    var request = channel.read()
    while (request.isDefined) {
      val (reply, exit) = request.get match {
        case Left(problem) => (ujson.Obj("op" -> "error", "message" -> problem), false)
        case Right(req) =>
          val (body, exit) =
            try worker.handle(req)
            catch { case e: Throwable => (ujson.Obj("op" -> "error", "message" -> Describe(e)), true) }
          for ((k, v) <- Channel.tag(req)) body(k) = v
          body("restart") = exit
          (body, exit)
      }
      channel.write(reply)
      if (exit) Runtime.getRuntime.halt(0)
      request = channel.read()
    }
  }
}

/** What a candidate's thread hands back: strings only. `fatal`: an Error was thrown, the JVM is not trusted after it. */
final case class Outcome(firrtl: String, kind: String, message: String, fatal: Boolean = false)

final class Worker(libraries: ClassLoader, domain: ProtectionDomain, guard: Option[Guard], captured: CappedOutput) {
  private val threads = ManagementFactory.getThreadMXBean
  private val stopSupported = Runtime.version.feature < 20

  def handle(req: ujson.Value): (ujson.Obj, Boolean) = req("op").str match {
    case "ping" => (ujson.Obj("op" -> "pong", "java" -> System.getProperty("java.version"), "guard" -> guard.isDefined), false)
    case "elaborate" => elaborate(req)
    case other => (ujson.Obj("op" -> "error", "message" -> s"unknown op $other"), false)
  }

  private def elaborate(req: ujson.Value): (ujson.Obj, Boolean) = {
    val pkg = req("pkg").str
    val decoder = Base64.getDecoder
    val classes = req("classes").obj.map { case (k, v) => k -> decoder.decode(v.str) }.toMap
    val cpuBudgetNs = req("cpu_ms").num.toLong * 1000000L
    val wallBudgetMs = req("wall_ms").num.toLong
    val heapCap = req("heap_mb").num.toLong << 20
    val maxFirrtl = req("max_firrtl").num.toInt
    captured.reset()
    guard.foreach(_.violation = null)
    val before = GlobalState.snapshot()
    val loader = new CandidateLoader(classes, libraries, domain)
    @volatile var outcome: Outcome = null
    val body: Runnable = () => {
      Thread.currentThread().setContextClassLoader(loader)
      outcome =
        try {
          val harness = loader.loadClass(s"$pkg.ChiselLLMHarness")
          Outcome(harness.getMethod("emit").invoke(null).asInstanceOf[String], "", "")
        } catch { case e: Throwable => Failure.describe(e, pkg) }
    }
    val thread = new Thread(null, body, "candidate", 64L << 20)
    val start = System.nanoTime()
    thread.start()
    var stopped: Option[(String, String)] = None
    while (thread.isAlive && stopped.isEmpty) {
      thread.join(5)
      val cpu = threads.getThreadCpuTime(thread.getId)
      val wallMs = (System.nanoTime() - start) / 1000000L
      val heap = Runtime.getRuntime.totalMemory - Runtime.getRuntime.freeMemory
      if (thread.isAlive) {
        if (cpu > cpuBudgetNs)
          stopped = Some("timeout" -> s"elaboration used more than ${cpuBudgetNs / 1000000000.0} s of CPU time (an infinite loop in the generator?)")
        else if (captured.dropped > 0)
          stopped = Some("resource" -> "output limit exceeded (more than 1 MiB printed during elaboration)")
        else if (wallMs > wallBudgetMs)
          stopped = Some("timeout" -> s"elaboration took longer than ${wallBudgetMs / 1000.0} s")
        else if (heap > heapCap) {
          System.gc() // count only what is reachable before calling it a memory bomb
          if (Runtime.getRuntime.totalMemory - Runtime.getRuntime.freeMemory > heapCap)
            stopped = Some("resource" -> s"elaboration used more than ${heapCap >> 20} MiB of memory")
        }
      }
    }
    val cpuMs = math.max(0L, threads.getThreadCpuTime(thread.getId)) / 1e6
    if (stopped.isDefined) {
      if (stopSupported) try { thread.stop(); thread.join(1000) } catch { case _: Throwable => }
      val (kind, message) = stopped.get
      // A generator stopped while it ran only its own code leaves nothing behind once its thread is gone (each
      // elaboration builds its own Chisel context); the worker then goes on, which keeps runaway candidates
      // cheap. Where the thread cannot be stopped (JDK 20+), is still alive, or JVM-wide state changed, the
      // worker is replaced.
      val clean = !thread.isAlive && GlobalState.snapshot().differenceFrom(before).isEmpty &&
        guard.forall(_.violation == null)
      if (clean) System.gc()
      return (reply(false, "", kind, message, cpuMs), !clean)
    }
    val result = outcome
    val violation = guard.flatMap(g => Option(g.violation))
    val changed = GlobalState.snapshot().differenceFrom(before)
    val (ok, firrtl, kind, message) =
      if (violation.isDefined) (false, "", "sandbox", s"sandbox violation: ${violation.get}")
      else if (changed.isDefined) (false, "", "sandbox", s"sandbox violation: the candidate changed JVM-wide state (${changed.get})")
      else if (result == null) (false, "", "error", "elaboration did not finish")
      else if (result.kind.nonEmpty) (false, "", result.kind, result.message)
      else if (captured.dropped > 0) (false, "", "resource", "output limit exceeded (more than 1 MiB printed during elaboration)")
      else if (result.firrtl.length > maxFirrtl)
        (false, "", "resource", s"elaborated circuit too large (${result.firrtl.length} characters of FIRRTL, limit $maxFirrtl)")
      else (true, result.firrtl, "", "")
    // After an Error (out of memory, stack overflow, a failed class initialiser) or any state change, start afresh.
    val restart = changed.isDefined || violation.isDefined || result == null || result.fatal
    (reply(ok, firrtl, kind, message, cpuMs), restart)
  }

  private def reply(ok: Boolean, firrtl: String, kind: String, message: String, cpuMs: Double): ujson.Obj = {
    val out = ujson.Obj("op" -> "elaborated", "ok" -> ok, "output" -> tail(captured.text, 4000), "cpu_ms" -> cpuMs)
    if (ok) out("firrtl") = firrtl else { out("kind") = kind; out("message") = message }
    out
  }

  private def tail(s: String, n: Int): String = if (s.length <= n) s else s.takeRight(n)
}

/** Turns a candidate's failure into strings, on the candidate's own thread. */
object Failure {
  def describe(e: Throwable, pkg: String): Outcome =
    try {
      val cause = unwrap(e)
      cause match {
        case _: OutOfMemoryError => Outcome("", "resource", "out of memory during elaboration", fatal = true)
        case _: StackOverflowError => Outcome("", "resource", "stack overflow during elaboration (unbounded recursion?)", fatal = true)
        case s: SecurityException => Outcome("", "sandbox", s"sandbox violation: ${Describe(s)}")
        case other => Outcome("", "error", chiselMessage(other, pkg), fatal = other.isInstanceOf[Error])
      }
    } catch { case _: Throwable => Outcome("", "error", "elaboration failed with an exception whose message could not be read", fatal = true) }

  private def unwrap(e: Throwable): Throwable = e match {
    case i: java.lang.reflect.InvocationTargetException if i.getCause != null => unwrap(i.getCause)
    case i: ExceptionInInitializerError if i.getCause != null => unwrap(i.getCause)
    case other => other
  }

  /** Chisel's message plus the candidate's own frames (not the engine's harness). */
  private def chiselMessage(e: Throwable, pkg: String): String = {
    val base = Describe(e)
    val frames = e.getStackTrace.filter(f => f.getClassName.startsWith(pkg + ".") && !f.getClassName.contains("ChiselLLMHarness")).take(3)
      .map(f => s"  at ${f.getClassName.stripPrefix(pkg + ".")}.${f.getMethodName} (line ${f.getLineNumber - 1})")
    val cause = Option(e.getCause).filter(_ ne e).map(c => s"\ncaused by ${Describe(c)}").getOrElse("")
    val text = (base +: frames).mkString("\n") + cause
    if (text.length > 8000) text.take(8000) + " ..." else text
  }
}

/** Defines one candidate's classes, in their protection domain; everything else comes from the libraries. */
final class CandidateLoader(classes: Map[String, Array[Byte]], parent: ClassLoader, domain: ProtectionDomain)
    extends ClassLoader(parent) {
  override protected def findClass(name: String): Class[_] = classes.get(name.replace('.', '/')) match {
    case Some(bytes) => defineClass(name, bytes, 0, bytes.length, domain)
    case None => throw new ClassNotFoundException(name)
  }
  override def getResource(name: String): URL = null
  override def getResources(name: String): java.util.Enumeration[URL] = java.util.Collections.emptyEnumeration()
}

/** JVM-wide state a candidate must leave as it found it. */
final case class GlobalState(threads: Set[Thread], properties: Map[AnyRef, AnyRef], streams: Seq[AnyRef],
                             manager: AnyRef, locale: java.util.Locale, zone: java.util.TimeZone, handler: AnyRef) {
  def differenceFrom(before: GlobalState): Option[String] =
    if ((threads -- before.threads).exists(_.isAlive)) Some("a thread it started is still running")
    else if (properties != before.properties) {
      val keys = (properties.keySet ++ before.properties.keySet).filter(k => properties.get(k) != before.properties.get(k))
      Some(s"system properties ${keys.take(3).mkString(", ")}")
    }
    else if (streams.zip(before.streams).exists { case (a, b) => a ne b }) Some("standard streams")
    else if (manager ne before.manager) Some("the security manager")
    else if (locale != before.locale || zone != before.zone) Some("the default locale or time zone")
    else if (handler ne before.handler) Some("the default uncaught-exception handler")
    else None
}

object GlobalState {
  import scala.jdk.CollectionConverters._
  def snapshot(): GlobalState = {
    val group = Thread.currentThread().getThreadGroup
    val all = new Array[Thread](group.activeCount() + 16)
    val n = group.enumerate(all, true)
    GlobalState(all.take(n).filter(t => t.getName != "candidate").toSet, System.getProperties.asScala.toMap,
      Seq(System.out, System.err, System.in), System.getSecurityManager, java.util.Locale.getDefault,
      java.util.TimeZone.getDefault, Thread.getDefaultUncaughtExceptionHandler)
  }
}

/** The SecurityManager second line (JDK 17-23): permissions come from the protection domains on the stack. */
final class Guard extends SecurityManager {
  @volatile var violation: String = null
  override def checkPermission(perm: Permission): Unit = check(perm, AccessController.getContext)
  override def checkPermission(perm: Permission, context: Object): Unit = context match {
    case c: AccessControlContext => check(perm, c)
    case _ => throw new SecurityException("bad security context")
  }
  // The default manager only guards the system thread group; candidates may not touch any thread or group.
  override def checkAccess(t: Thread): Unit = if (t ne Thread.currentThread()) checkPermission(new RuntimePermission("modifyThread"))
  override def checkAccess(g: ThreadGroup): Unit = checkPermission(new RuntimePermission("modifyThreadGroup"))

  private def check(perm: Permission, context: AccessControlContext): Unit =
    try context.checkPermission(perm)
    catch {
      case e: SecurityException =>
        // "trace" audits instead of enforcing: it prints what would be denied, to tune the candidate domain.
        if (Sandbox.trace) { System.err.println(s"DENIED $perm"); return }
        if (violation == null) violation = s"${perm.getClass.getSimpleName.stripSuffix("Permission").toLowerCase} ${perm.getName} ${perm.getActions}".trim
        throw e
    }
}

object Sandbox {
  @volatile var trace = false
  /** The protection domain of candidate classes: what Chisel needs while candidate frames are on the stack. */
  def candidateDomain(): ProtectionDomain = {
    val perms = new Permissions()
    perms.add(new java.util.PropertyPermission("*", "read"))
    perms.add(new RuntimePermission("accessDeclaredMembers"))
    perms.add(new RuntimePermission("getClassLoader"))
    perms.add(new RuntimePermission("getenv.*"))   // the sandbox's environment is empty
    // Scala's structural calls make the method found accessible; the harness only finds the candidate's own.
    perms.add(new java.lang.reflect.ReflectPermission("suppressAccessChecks"))
    // Chisel quotes the source line of an elaboration error by reading the file a SourceInfo names; inside the
    // OS sandbox the only files are /usr, the toolchain and the JDK, so reading is harmless there.
    perms.add(new java.io.FilePermission("<<ALL FILES>>", "read"))
    perms.setReadOnly()
    new ProtectionDomain(new CodeSource(new URL("file:/candidate"), null: Array[java.security.CodeSigner]), perms)
  }

  /** Grant everything to every other domain and install the guard. */
  def install(candidate: ProtectionDomain): Guard = {
    Policy.setPolicy(new Policy {
      override def implies(domain: ProtectionDomain, permission: Permission): Boolean = domain ne candidate
    })
    val guard = new Guard
    // Load what the guard needs before it is in force.
    guard.checkPermission(new RuntimePermission("warm-up"))
    System.setSecurityManager(guard)
    guard
  }
}
