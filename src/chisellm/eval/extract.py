"""Pull the Chisel source out of a model's answer.

Answers come as fenced blocks (possibly several, possibly cut off by the token limit), as bare code, or as
code with prose around it. The top is the class the task names; an answer that does not define it, or that
holds no Scala at all, is an extraction failure: a verdict of its own, never sent to the compiler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SCALA_LANGS = {"", "scala", "chisel", "sc", "scala3", "chisel3"}
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})[ \t]*([\w+#.-]*)[^\n]*$", re.MULTILINE)
_CLASS = re.compile(r"^[ \t]*(?:(?:abstract|final|sealed|private|protected|case)\s+)*class\s+([A-Za-z_]\w*)",
                    re.MULTILINE)
_MODULE_BASES = ("Module", "RawModule", "ExtModule", "BlackBox")
# A line that can only start Scala: used to find where bare code begins after prose.
_CODE_START = re.compile(r"^\s*(package\s|import\s|(?:(?:abstract|final|sealed|case)\s+)*class\s|object\s|trait\s|@\w)")
# Test benches and runners a model may add in a block of their own: not part of the design, often not compilable here.
_TEST_CODE = re.compile(r"\b(chiseltest|scalatest|ChiselScalatestTester|AnyFlatSpec|AnyFreeSpec|extends\s+App\b|def\s+main\s*\()")
_SCALA_HINT = re.compile(r"\b(import\s+chisel3|extends\s+(?:Raw)?Module|class\s+\w+|IO\s*\(|Wire\s*\(|Reg\w*\s*\()")


@dataclass(frozen=True)
class Extraction:
    """The code taken from an answer, or why there is none.

    Attributes:
        code: The Scala source to compile ("" when extraction failed).
        top: The class to elaborate.
        error: Why extraction failed (None when it worked).
    """

    code: str
    top: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def extract_chisel(answer: str, module_name: str, allow_other_top: bool = False) -> Extraction:
    """Extract the Chisel source that defines `module_name` from a model answer.

    Args:
        answer: The raw completion text.
        module_name: The class the task asks for.
        allow_other_top: When the named class is absent, fall back to the last Module class the answer defines
            (VerilogEval renames the top to the module its testbench expects anyway).

    Returns:
        An `Extraction`; `error` says what was missing when nothing usable was found.
    """
    blocks = _fenced_blocks(answer)
    scala_blocks = [body for lang, body in blocks if lang.lower() in SCALA_LANGS and body.strip()]
    if scala_blocks:
        code = _join_blocks(scala_blocks, module_name)
    elif blocks:
        langs = ", ".join(sorted({lang or "plain" for lang, _ in blocks}))
        return Extraction("", module_name, f"only non-Scala code blocks ({langs})")
    else:
        code = _bare_code(answer)
    if not code.strip() or not _SCALA_HINT.search(code):
        return Extraction("", module_name, "no Scala code found in the answer")
    defined = _CLASS.findall(code)
    if module_name in defined:
        return Extraction(code.strip() + "\n", module_name)
    if allow_other_top:
        modules = module_classes(code)
        if modules:
            return Extraction(code.strip() + "\n", modules[-1])
    found = ", ".join(defined) if defined else "none"
    return Extraction("", module_name, f"no class `{module_name}` in the answer (classes defined: {found})")


def module_classes(code: str) -> list[str]:
    """Names of the classes in `code` that extend a Chisel module type, in source order."""
    names = []
    for match in _CLASS.finditer(code):
        header = code[match.end(): match.end() + 400].split("{", 1)[0]
        if re.search(r"\bextends\s+(" + "|".join(_MODULE_BASES) + r")\b", header):
            names.append(match.group(1))
    return names


def _fenced_blocks(text: str) -> list[tuple[str, str]]:
    """(language, body) of every fenced block; a block left open by a cut-off answer runs to the end."""
    blocks: list[tuple[str, str]] = []
    fences = list(_FENCE.finditer(text))
    i = 0
    while i < len(fences):
        opening = fences[i]
        marker, lang = opening.group(1), opening.group(2)
        closing = next((f for f in fences[i + 1:] if f.group(1)[0] == marker[0] and len(f.group(1)) >= len(marker)
                        and not f.group(2)), None)
        end = closing.start() if closing else len(text)
        blocks.append((lang, text[opening.end() + 1: end]))
        if closing is None:
            break
        i = fences.index(closing) + 1
    return blocks


def _join_blocks(blocks: list[str], module_name: str) -> str:
    """One source from several blocks: the block defining the top, plus the other blocks' extra definitions."""
    named = [b for b in blocks if module_name in _CLASS.findall(b)]
    if not named:
        return "\n\n".join(blocks)
    main = named[-1]  # a later block is usually the corrected or complete version
    defined = set(_CLASS.findall(main))
    extras = []
    for block in blocks:
        if block is main:
            continue
        classes = set(_CLASS.findall(block))
        # A helper class the top uses; not an earlier draft of the top, not a test or a runner.
        if classes and not classes & defined and not _TEST_CODE.search(block):
            extras.append(_strip_imports(block))
            defined |= classes
    return "\n\n".join([main, *extras])


def _strip_imports(block: str) -> str:
    """Drop `package`/`import` lines of a secondary block: Scala wants them at the top of the file."""
    return "\n".join(line for line in block.splitlines() if not re.match(r"\s*(package|import)\s", line))


def _bare_code(text: str) -> str:
    """Code without fences: from the first line that can only be Scala to the last balanced closing brace."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _CODE_START.match(line)), None)
    if start is None:
        return ""
    depth, end = 0, start
    for i in range(start, len(lines)):
        line = lines[i]
        stripped = line.strip()
        if depth == 0 and stripped and not _CODE_START.match(line) and i > start and not stripped.startswith(("//", "/*", "*", "}", ")")):
            break  # prose after the code at top level
        depth += _brace_delta(line)
        if depth <= 0:
            depth = 0
            if stripped:
                end = i
        if depth > 0:
            end = i
    return "\n".join(lines[start: end + 1])


def _brace_delta(line: str) -> int:
    """Net opening minus closing braces and parentheses on a line, ignoring strings and line comments."""
    code = re.sub(r'"(?:\\.|[^"\\])*"', '""', line.split("//", 1)[0])
    return code.count("{") + code.count("(") - code.count("}") - code.count(")")
