// The channel between the Python engine and its JVMs, shared by the compile server and the elaboration workers.
//
// Requests and replies travel over two named pipes that the engine creates and unlinks as soon as the JVM has
// opened them: afterwards no path leads to them, the sandbox mounts no /proc (so no /proc/self/fd either), and the
// open streams live only in local variables of the main thread. Code a candidate runs therefore holds no handle to
// the protocol: what it writes to stdout/stderr (file descriptors 1 and 2) lands in a capped log, never in a reply.
// Every reply names its request's id and nonce; lines are bounded in length.
package chisellm.server

import java.io.{ByteArrayOutputStream, InputStream, OutputStream}
import java.nio.charset.StandardCharsets.UTF_8

/** One JSON object per line in each direction, read with a bound on the line length. */
final class Channel(in: InputStream, out: OutputStream, maxLine: Int) {
  private val buffer = new ByteArrayOutputStream()

  /** The next request, or None at end of input. A line longer than `maxLine` is skipped and reported. */
  def read(): Option[Either[String, ujson.Value]] = {
    buffer.reset()
    var oversized = false
    var b = in.read()
    if (b < 0) return None
    while (b >= 0 && b != '\n') {
      if (buffer.size < maxLine) buffer.write(b) else oversized = true
      b = in.read()
    }
    if (oversized) Some(Left(s"request longer than $maxLine bytes"))
    else
      try Some(Right(ujson.read(buffer.toString(UTF_8))))
      catch { case e: Exception => Some(Left(s"malformed request: ${e.getClass.getSimpleName}")) }
  }

  def write(reply: ujson.Value): Unit = {
    out.write(ujson.write(reply).getBytes(UTF_8))
    out.write('\n')
    out.flush()
  }
}

object Channel {
  /** Open the request and reply pipes named on the command line (the engine unlinks them once we are up). */
  def open(requestPath: String, replyPath: String, maxLine: Int): Channel = {
    // Reply pipe first: the engine holds its read end open, so this open does not block.
    val out = new java.io.BufferedOutputStream(new java.io.FileOutputStream(replyPath), 1 << 16)
    val in = new java.io.BufferedInputStream(new java.io.FileInputStream(requestPath), 1 << 16)
    new Channel(in, out, maxLine)
  }

  /** The fields every reply carries so that the engine can match it to its request. */
  def tag(request: ujson.Value): Seq[(String, ujson.Value)] =
    Seq("id" -> request.obj.getOrElse("id", ujson.Null), "nonce" -> request.obj.getOrElse("nonce", ujson.Null))
}

/** Output stream that keeps at most `limit` bytes (the rest is dropped and counted). */
final class CappedOutput(limit: Int) extends OutputStream {
  private val buf = new ByteArrayOutputStream()
  @volatile var dropped = 0L
  def reset(): Unit = synchronized { buf.reset(); dropped = 0 }
  def text: String = synchronized { buf.toString(UTF_8) }
  override def write(b: Int): Unit = synchronized {
    if (buf.size < limit) buf.write(b) else dropped += 1
  }
  override def write(b: Array[Byte], off: Int, len: Int): Unit = synchronized {
    val room = math.max(0, math.min(limit - buf.size, len))
    buf.write(b, off, room)
    dropped += len - room
  }
}

object Describe {
  /** A throwable as text: class and message. Call only where candidate code may run (see ElabWorker). */
  def apply(e: Throwable): String = {
    val msg = Option(e.getMessage).getOrElse("")
    s"${e.getClass.getName}${if (msg.nonEmpty) ": " + msg else ""}"
  }
}
