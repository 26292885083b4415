// What compiled candidate code may reference, checked on its class files before any of it runs.
//
// This is the guard that works on every JDK (SecurityManager is gone in JDK 24+): a class can only reach what its
// bytecode names, so refusing references to reflection, method handles, threads, class loaders, files, sockets,
// processes, native code and JVM-global state keeps a candidate's elaboration to itself. Java's library is
// allow-listed (by class and, for a few classes, by member); Scala, Chisel and the other jars on the candidate
// class path are deny-listed. The one reflective pattern Scala emits for structural types (`io.a` on an
// anonymous Bundle) is kept working by rewriting `Class.getMethod` into the harness's `structuralMethod`, which
// only looks up methods of the candidate's own classes and of Chisel Records.
package chisellm.server

import scala.jdk.CollectionConverters._
import scala.tools.asm.{ClassReader, ClassWriter, Handle, Opcodes, Type}
import scala.tools.asm.tree._

final case class PolicyViolation(what: String)

object BytecodePolicy {
  private val allowedJava: Set[String] = Set(
    "java/lang/Object", "java/lang/String", "java/lang/StringBuilder", "java/lang/StringBuffer", "java/lang/CharSequence",
    "java/lang/Character", "java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte",
    "java/lang/Boolean", "java/lang/Double", "java/lang/Float", "java/lang/Number", "java/lang/Void", "java/lang/Math",
    "java/lang/StrictMath", "java/lang/Comparable", "java/lang/Iterable", "java/lang/Cloneable", "java/lang/Enum",
    "java/lang/Record", "java/lang/AutoCloseable", "java/lang/Runnable", "java/lang/StackTraceElement",
    "java/lang/Class", "java/lang/System", "java/lang/Throwable", "java/lang/Exception", "java/lang/RuntimeException",
    "java/lang/Error", "java/lang/AssertionError", "java/lang/ArithmeticException",
    "java/lang/ArrayIndexOutOfBoundsException", "java/lang/ArrayStoreException", "java/lang/ClassCastException",
    "java/lang/IllegalArgumentException", "java/lang/IllegalStateException", "java/lang/IndexOutOfBoundsException",
    "java/lang/NegativeArraySizeException", "java/lang/NullPointerException", "java/lang/NumberFormatException",
    "java/lang/StringIndexOutOfBoundsException", "java/lang/UnsupportedOperationException",
    "java/lang/CloneNotSupportedException", "java/lang/reflect/Method", "java/lang/reflect/InvocationTargetException",
    "java/lang/invoke/SerializedLambda",
    "java/math/BigInteger", "java/math/BigDecimal", "java/math/MathContext", "java/math/RoundingMode",
    "java/util/Arrays", "java/util/List", "java/util/ArrayList", "java/util/LinkedList", "java/util/Map",
    "java/util/Map$Entry", "java/util/HashMap", "java/util/LinkedHashMap", "java/util/TreeMap", "java/util/Set",
    "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/Iterator", "java/util/Collection",
    "java/util/Collections", "java/util/Comparator", "java/util/Objects", "java/util/Optional", "java/util/BitSet",
    "java/util/Random", "java/util/NoSuchElementException", "java/util/StringJoiner", "java/util/Locale",
    "java/util/concurrent/ConcurrentHashMap",
    "java/io/Serializable", "java/io/PrintStream", "java/io/ByteArrayOutputStream", "java/io/StringWriter",
    "java/nio/charset/StandardCharsets", "java/nio/charset/Charset")
  private val allowedJavaPackages = Seq("java/util/function/", "java/util/regex/", "java/util/concurrent/atomic/")
  private val javaRoots = Seq("java/", "javax/", "jdk/", "sun/", "com/sun/", "org/ietf/", "org/w3c/", "org/xml/",
    "netscape/")
  // Members of allowed classes that are still refused (class -> names), or the only members allowed (class -> names).
  private val deniedMembers: Map[String, Set[String]] = Map(
    "java/lang/Object" -> Set("wait", "notify", "notifyAll"),
    "java/util/Locale" -> Set("setDefault"),
    "java/io/PrintStream" -> Set("<init>"),
    "scala/Console$" -> Set("setOut", "setErr", "setIn"),
    "scala/util/Random$" -> Set("setSeed"))
  private val onlyMembers: Map[String, Set[String]] = Map(
    "java/lang/System" -> Set("arraycopy", "nanoTime", "currentTimeMillis", "identityHashCode", "lineSeparator",
      "out", "err"),
    "java/lang/Class" -> Set("getName", "getSimpleName", "getCanonicalName", "getTypeName", "isInstance",
      "isAssignableFrom", "isArray", "isPrimitive", "isInterface", "getComponentType", "cast", "toString", "hashCode",
      "equals", "desiredAssertionStatus", "isEnum"),
    "java/lang/reflect/Method" -> Set("invoke"),
    "scala/sys/package$" -> Set("error"))
  private val deniedPrefixes = Seq(
    "scala/sys/process/", "scala/sys/SystemProperties", "scala/sys/ShutdownHookThread", "scala/sys/Prop",
    "scala/sys/BooleanProp", "scala/io/", "scala/util/Properties", "scala/reflect/runtime/", "scala/reflect/api/",
    "scala/reflect/internal/", "scala/reflect/macros/", "scala/reflect/io/", "scala/tools/", "os/", "mainargs/",
    "org/apache/", "org/jline/", "scopt/", "firrtl/FileUtils", "firrtl/options/", "chisel3/internal/Builder",
    "chisel3/internal/DynamicContext", "chisellm/")
  private val allowedBootstraps = Set(
    "java/lang/invoke/LambdaMetafactory.metafactory", "java/lang/invoke/LambdaMetafactory.altMetafactory",
    "java/lang/invoke/StringConcatFactory.makeConcatWithConstants", "scala/runtime/StructuralCallSite.bootstrap",
    "scala/runtime/LambdaDeserialize.bootstrap", "scala/runtime/SymbolLiteral.bootstrap")
  private val GetMethodDesc = "(Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;"

  /** Check every class of one candidate and rewrite its structural-call lookups.
    *
    * @param pkg     the candidate's package, with slashes (`cand_3_ab12cd34`)
    * @param harness the internal name of the harness class (exempt: its source is the engine's)
    * @return the rewritten class files, or the first violation
    */
  def apply(pkg: String, harness: String, classes: Map[String, Array[Byte]]): Either[PolicyViolation, Map[String, Array[Byte]]] = {
    val out = Map.newBuilder[String, Array[Byte]]
    for ((name, bytes) <- classes) {
      val node = new ClassNode()
      new ClassReader(bytes).accept(node, 0)
      val exempt = node.name == harness || node.name == harness + "$"
      if (!node.name.startsWith(pkg + "/"))
        return Left(PolicyViolation(s"class ${node.name.replace('/', '.')} is outside the candidate's package (package clauses are not allowed)"))
      if (!exempt) check(node, pkg, harness) match {
        case Some(v) => return Left(v)
        case None =>
      }
      val writer = new ClassWriter(0)
      node.accept(writer)
      out += name -> writer.toByteArray
    }
    Right(out.result())
  }

  private def check(node: ClassNode, pkg: String, harness: String): Option[PolicyViolation] = {
    val where = node.name.stripPrefix(pkg + "/").replace('/', '.')
    def fail(what: String) = Some(PolicyViolation(s"$what (in $where)"))
    (Option(node.superName).toSeq ++ node.interfaces.asScala).foreach { t =>
      typeProblem(t, pkg).foreach(p => return fail(s"extends $p"))
    }
    for (method <- node.methods.asScala) {
      if ((method.access & Opcodes.ACC_NATIVE) != 0) return fail(s"native method ${method.name}")
      if (method.name == "finalize" && method.desc == "()V") return fail("a finalizer (finalize())")
      for (insn <- method.instructions.toArray) {
        val problem: Option[String] = insn match {
          case m: MethodInsnNode if m.owner == "java/lang/Class" && m.name == "getMethod" && m.desc == GetMethodDesc =>
            // The structural-type lookup Scala emits; the harness restricts it to the candidate's own classes.
            method.instructions.set(m, new MethodInsnNode(Opcodes.INVOKESTATIC, harness, "structuralMethod",
              "(Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/Class;)Ljava/lang/reflect/Method;", false))
            None
          case m: MethodInsnNode => memberProblem(m.owner, m.name, pkg)
          case f: FieldInsnNode => memberProblem(f.owner, f.name, pkg)
          case t: TypeInsnNode => typeProblem(t.desc, pkg)
          case a: MultiANewArrayInsnNode => typeProblem(a.desc, pkg)
          case l: LdcInsnNode => constantProblem(l.cst, pkg)
          case d: InvokeDynamicInsnNode =>
            val bsm = s"${d.bsm.getOwner}.${d.bsm.getName}"
            if (!allowedBootstraps(bsm)) Some(s"invokedynamic bootstrap $bsm")
            else d.bsmArgs.iterator.map(constantProblem(_, pkg)).collectFirst { case Some(p) => p }
          case _ => None
        }
        problem.foreach(p => return fail(p))
      }
    }
    None
  }

  private def constantProblem(cst: Any, pkg: String): Option[String] = cst match {
    case t: Type if t.getSort == Type.METHOD => None
    case t: Type => typeProblem(t.getDescriptor, pkg)
    case h: Handle => memberProblem(h.getOwner, h.getName, pkg)
    case _: scala.tools.asm.ConstantDynamic => Some("a dynamic constant")
    case _ => None
  }

  /** Why the type named by an internal name or descriptor may not be used, if it may not. */
  def typeProblem(nameOrDesc: String, pkg: String): Option[String] = {
    val element = nameOrDesc.dropWhile(_ == '[')
    val name =
      if (element.startsWith("L") && element.endsWith(";")) element.substring(1, element.length - 1)
      else if (nameOrDesc.startsWith("[")) return None // array of a primitive
      else element
    if (name.startsWith(pkg + "/")) None
    else if (javaRoots.exists(name.startsWith)) {
      if (allowedJava(name) || allowedJavaPackages.exists(name.startsWith)) None
      else Some(s"uses ${name.replace('/', '.')}, which candidate code may not use (${why(name)})")
    } else deniedPrefixes.find(name.startsWith).map(_ => s"uses ${name.replace('/', '.')}, which candidate code may not use (${why(name)})")
  }

  private def memberProblem(owner: String, member: String, pkg: String): Option[String] =
    typeProblem(owner, pkg).orElse {
      val shown = s"${owner.replace('/', '.')}.$member"
      if (deniedMembers.get(owner).exists(_(member))) Some(s"calls $shown, which changes JVM-wide state or blocks")
      else if (onlyMembers.get(owner).exists(allowed => !allowed(member))) Some(s"calls $shown (${why(owner)})")
      else None
    }

  private def why(name: String): String =
    if (name.startsWith("java/lang/reflect/") || name.startsWith("java/lang/invoke/") || name == "java/lang/Class")
      "reflection and method handles are refused"
    else if (name.startsWith("sun/") || name.startsWith("jdk/")) "JDK internals are refused"
    else if (name.startsWith("java/lang/Thread") || name.startsWith("java/util/concurrent/") || name.startsWith("scala/concurrent/"))
      "elaboration may not start threads"
    else if (name.startsWith("java/io/") || name.startsWith("java/nio/") || name.startsWith("scala/io/") || name.startsWith("os/"))
      "elaboration may not use files or streams"
    else if (name.startsWith("java/net/")) "elaboration may not use the network"
    else if (name.contains("Process") || name.startsWith("scala/sys/")) "elaboration may not start processes or read the environment"
    else if (name == "java/lang/System" || name == "java/lang/Runtime") "elaboration may not change or read JVM-wide state"
    else "not needed to describe hardware"
}
