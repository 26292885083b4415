// The ChiseLLM compile server: one warm JVM holding a scalac `Global` with the Chisel plugin. It only compiles:
// no candidate code ever runs here (elaboration happens in separate worker JVMs, see ElabWorker.scala), so
// nothing a candidate writes can reach this process's state or its replies.
//
// Requests (one JSON object per line, see Protocol.scala):
//   {"op":"compile","id","nonce","batch":[{"id","pkg","source","harness"}]}
//     -> {"op":"compiled","id","nonce","results":[{"id","ok","errors","harness_errors","violation"?,"crash"?,
//         "classes":{"name":"base64"}}],"ms"}
//   {"op":"ping","id","nonce"} -> {"op":"pong","id","nonce","java"}
// Candidates live in their own packages, so one candidate's error never fails another: files with errors are
// dropped and the rest recompiled. A compiler crash or an error without a source position is isolated by
// compiling halves of the batch separately (with a fresh compiler after a crash), so neighbours of the culprit
// get their true verdicts. Compiled classes are checked by `BytecodePolicy` before they are handed out.
package chisellm.server

import java.io.PrintStream
import java.util.Base64

import scala.collection.mutable
import scala.reflect.internal.util.BatchSourceFile
import scala.reflect.io.{AbstractFile, VirtualDirectory}
import scala.tools.nsc.{Global, Settings}
import scala.tools.nsc.reporters.StoreReporter

object CompileServer {
  def main(args: Array[String]): Unit = {
    // args: <request pipe> <reply pipe> <candidate classpath> <chisel plugin jar>
    val Array(requestPath, replyPath, candidateClasspath, pluginJar) = args.take(4)
    val log = new PrintStream(new CappedOutput(1 << 20), true, "UTF-8")
    System.setOut(log)
    System.setErr(log)
    val channel = Channel.open(requestPath, replyPath, 256 << 20)
    var compiler = new Compiler(candidateClasspath, pluginJar)
    val fresh = () => { compiler = new Compiler(candidateClasspath, pluginJar); compiler }
    var request = channel.read()
    while (request.isDefined) {
      val reply = request.get match {
        case Left(problem) => ujson.Obj("op" -> "error", "message" -> problem)
        case Right(req) =>
          val body =
            try handle(req, () => compiler, fresh)
            catch { case e: Throwable => ujson.Obj("op" -> "error", "message" -> Describe(e)) }
          for ((k, v) <- Channel.tag(req)) body(k) = v
          body
      }
      channel.write(reply)
      request = channel.read()
    }
  }

  private def handle(req: ujson.Value, current: () => Compiler, fresh: () => Compiler): ujson.Obj = req("op").str match {
    case "ping" => ujson.Obj("op" -> "pong", "java" -> System.getProperty("java.version"))
    case "compile" =>
      val t0 = System.nanoTime()
      val items = req("batch").arr.map(c => Item(c("id").str, c("pkg").str, c("source").str, c("harness").str)).toSeq
      val results = Isolating.compile(items, current, fresh)
      ujson.Obj("op" -> "compiled", "results" -> ujson.Arr(items.map(i => results(i.id)): _*),
        "ms" -> (System.nanoTime() - t0) / 1e6)
    case other => ujson.Obj("op" -> "error", "message" -> s"unknown op $other")
  }
}

final case class Item(id: String, pkg: String, source: String, harness: String)

/** Outcome of one scalac run over some items. */
sealed trait RunOutcome
final case class Clean(results: Map[String, ujson.Obj]) extends RunOutcome
/** Errors that name no file, or a crash: which item caused it is unknown. */
final case class Unattributable(message: String, crashed: Boolean) extends RunOutcome

/** Compiles a batch so that every candidate gets the verdict it would get alone. */
object Isolating {
  def compile(items: Seq[Item], current: () => Compiler, fresh: () => Compiler): Map[String, ujson.Obj] =
    current().compile(items) match {
      case Clean(results) => results
      case Unattributable(message, crashed) =>
        if (crashed) fresh() // a crash may leave the compiler's state inconsistent
        if (items.size == 1) Map(items.head.id -> Compiler.failed(items.head.id, message, crashed))
        else {
          val (left, right) = items.splitAt(items.size / 2)
          compile(left, current, fresh) ++ compile(right, current, fresh)
        }
    }
}

/** A scalac `Global` kept warm between batches; each run compiles into a fresh in-memory directory. */
final class Compiler(classpath: String, pluginJar: String) {
  private val settings = new Settings(msg => throw new IllegalArgumentException(msg))
  settings.classpath.value = classpath
  settings.plugin.value = List(pluginJar)
  settings.require.value = Nil
  settings.nowarn.value = true
  settings.processArgumentString("-language:reflectiveCalls -language:implicitConversions -language:higherKinds -Xsource:2.13")
  private val reporter = new StoreReporter(settings)
  settings.outputDirs.setSingleOutput(new VirtualDirectory("(memory)", None))
  private val global = new Global(settings, reporter)

  /** Compile items; drop those with errors and recompile the rest until the survivors compile clean. */
  def compile(items: Seq[Item]): RunOutcome = {
    val results = mutable.Map[String, ujson.Obj]()
    val harnessErrors = mutable.Map[String, ujson.Arr]()
    var live = items
    var harnessLive = items.map(_.id).toSet
    var rounds = 0
    while (live.nonEmpty) {
      rounds += 1
      if (rounds > 8) return Unattributable("did not compile clean after retries", crashed = false)
      val output = new VirtualDirectory("(memory)", None)
      run(live, harnessLive, output) match {
        case Left(outcome) => return outcome
        case Right(found) if found.isEmpty =>
          for (i <- live) results(i.id) = collect(i, output, harnessErrors.getOrElse(i.id, ujson.Arr()))
          live = Nil
        case Right(found) =>
          val bad = found.keySet.collect { case (id, false) => id }
          val badHarness = found.keySet.collect { case (id, true) => id } -- bad
          for (id <- bad) results(id) = Compiler.result(id, ok = false, found((id, false)), ujson.Arr())
          for (id <- badHarness) harnessErrors(id) = found((id, true))
          live = live.filterNot(i => bad(i.id))
          harnessLive = harnessLive -- bad -- badHarness
      }
    }
    Clean(results.toMap)
  }

  /** One scalac run. Errors keyed by (candidate id, isHarness), or why the run cannot be attributed. */
  private def run(items: Seq[Item], harnessLive: Set[String], output: VirtualDirectory)
      : Either[Unattributable, Map[(String, Boolean), ujson.Arr]] = {
    reporter.reset()
    settings.outputDirs.setSingleOutput(output)
    val sources = items.flatMap { i =>
      val main = new BatchSourceFile(s"${i.id}.scala", i.source)
      if (harnessLive(i.id)) Seq(main, new BatchSourceFile(s"${i.id}.harness.scala", i.harness)) else Seq(main)
    }
    try new global.Run().compileSources(sources.toList)
    catch { case e: Throwable => return Left(Unattributable(Compiler.crashMessage(e), crashed = true)) }
    val found = mutable.Map[(String, Boolean), ujson.Arr]()
    val ids = items.map(_.id).toSet
    for (info <- reporter.infos if info.severity == reporter.ERROR) {
      val pos = info.pos
      val name = if (pos.isDefined) pos.source.file.name else ""
      val id = name.stripSuffix(".harness.scala").stripSuffix(".scala")
      if (!ids(id)) return Left(Unattributable(info.msg, crashed = false))
      found.getOrElseUpdate((id, name.endsWith(".harness.scala")), ujson.Arr()).arr += Compiler.diag(pos.line, pos.column, info.msg)
    }
    Right(found.toMap)
  }

  /** The candidate's class files (checked and rewritten by `BytecodePolicy`) and its result. */
  private def collect(item: Item, output: VirtualDirectory, harnessErrors: ujson.Arr): ujson.Obj = {
    val classes = mutable.Map[String, Array[Byte]]()
    def walk(dir: AbstractFile, prefix: String): Unit = for (f <- dir.iterator) {
      if (f.isDirectory) walk(f, s"$prefix${f.name}/")
      else if (f.name.endsWith(".class")) classes(s"$prefix${f.name.stripSuffix(".class")}") = f.toByteArray
    }
    Option(output.lookupName(item.pkg, directory = true)).foreach(d => walk(d, s"${item.pkg}/"))
    val out = Compiler.result(item.id, ok = true, ujson.Arr(), harnessErrors)
    if (harnessErrors.value.isEmpty) BytecodePolicy(item.pkg, s"${item.pkg}/ChiselLLMHarness", classes.toMap) match {
      case Left(v) => out("violation") = v.what
      case Right(checked) =>
        val enc = Base64.getEncoder
        out("classes") = ujson.Obj.from(checked.map { case (k, v) => k -> ujson.Str(enc.encodeToString(v)) })
    }
    out
  }
}

object Compiler {
  def diag(line: Int, col: Int, msg: String): ujson.Value =
    ujson.Obj("line" -> line, "column" -> col, "severity" -> "error", "message" -> (if (msg.length > 2000) msg.take(2000) + " ..." else msg))

  def result(id: String, ok: Boolean, errors: ujson.Arr, harnessErrors: ujson.Arr): ujson.Obj =
    ujson.Obj("id" -> id, "ok" -> ok, "errors" -> errors, "harness_errors" -> harnessErrors)

  /** The result of a candidate that, compiled alone, crashed the compiler or failed without a position. */
  def failed(id: String, message: String, crashed: Boolean): ujson.Obj = {
    val out = result(id, ok = false, ujson.Arr(diag(1, 1, message)), ujson.Arr())
    if (crashed) out("crash") = message
    out
  }

  def crashMessage(e: Throwable): String = e match {
    case _: StackOverflowError => "the Scala compiler ran out of stack on this source (an extremely deep expression?)"
    case _: OutOfMemoryError => "the Scala compiler ran out of memory on this source"
    case other => s"the Scala compiler crashed on this source: ${Describe(other)}"
  }
}
