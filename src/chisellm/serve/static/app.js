// The workbench: verify pasted Chisel, or run the repair loop on a spec and show its steps as they stream in.
"use strict";
const $ = (id) => document.getElementById(id);
const STAGES = ["compile", "elaborate", "firtool", "simulate"];

function headers() {
  const h = {"Content-Type": "application/json"};
  if ($("token").value) h["Authorization"] = "Bearer " + $("token").value;
  return h;
}

async function readFile(input) {
  return input.files.length ? await input.files[0].text() : null;
}

async function grading() {
  const body = {top: $("top").value.trim()};
  const vectors = $("vectors").value.trim();
  if (vectors) {
    try { body.vectors = JSON.parse(vectors); } catch (e) { throw new Error("vectors are not valid JSON: " + e.message); }
  }
  const ref = await readFile($("ref-file")), test = await readFile($("test-file"));
  if (ref && test) body.bench = {ref_sv: ref, test_sv: test};
  return body;
}

function addStep(text, kind, detail) {
  const li = document.createElement("li");
  li.textContent = text;
  if (kind) li.className = kind;
  if (detail) {
    const d = document.createElement("details");
    const s = document.createElement("summary");
    s.textContent = "details";
    const pre = document.createElement("pre");
    pre.textContent = detail;
    d.append(s, pre);
    li.append(d);
  }
  $("steps").append(li);
}

function stagesOf(verdict, timings) {
  return STAGES.filter((s) => s in (timings || {})).join(" -> ") || "checked";
}

function showCode(code, diagnostics) {
  const box = $("chisel");
  box.textContent = "";
  const byLine = {};
  for (const d of diagnostics || []) (byLine[d.line] = byLine[d.line] || []).push(d);
  code.split("\n").forEach((text, i) => {
    const line = document.createElement("span");
    line.className = "line" + (byLine[i + 1] ? " diag" : "");
    line.dataset.line = i + 1;
    const no = document.createElement("span");
    no.className = "no";
    no.textContent = i + 1;
    line.append(no, document.createTextNode(text));
    for (const d of byLine[i + 1] || []) {
      const msg = document.createElement("span");
      msg.className = "diag-msg";
      msg.textContent = `${d.line}:${d.column}: ${d.severity}: ${d.message}`;
      line.append(msg);
    }
    box.append(line);
  });
}

function showResult(r, code) {
  const v = $("verdict");
  v.textContent = r.verdict;
  v.className = "verdict " + (r.verdict === "ok" ? "ok" : "fail");
  const m = r.mismatch;
  $("mismatch").textContent = m
    ? `first mismatch: cycle ${m.cycle}, port ${m.port}: expected ${m.expected}, got ${m.got} (${r.mismatches} mismatching)`
    : (r.verdict === "ok" || !r.message ? "" : r.message.split("\n").slice(0, 6).join("\n"));
  if (code !== undefined) showCode(code, r.diagnostics);
  $("verilog").textContent = r.verilog || "";
  $("waveform").innerHTML = r.waveform_svg || '<p class="muted">no waveform for this result</p>';
}

function reset() {
  $("steps").textContent = "";
  $("verdict").textContent = "running...";
  $("verdict").className = "verdict";
  $("mismatch").textContent = "";
}

async function failed(response) {
  let message = response.statusText;
  try { message = (await response.json()).error.message; } catch (e) { /* not JSON */ }
  $("verdict").textContent = `error ${response.status}`;
  $("verdict").className = "verdict fail";
  $("mismatch").textContent = message;
  addStep(`request failed: ${message}`, "bad");
}

async function runVerify() {
  reset();
  try {
    const body = await grading();
    body.source = $("code").value;
    body.want_vcd = true;
    addStep("verify: compile -> elaborate -> lower -> simulate");
    const response = await fetch("/v1/verify", {method: "POST", headers: headers(), body: JSON.stringify(body)});
    if (!response.ok) return failed(response);
    const r = await response.json();
    addStep(`${stagesOf(r.verdict, r.timings)}: ${r.verdict}`, r.verdict === "ok" ? "good" : "bad");
    showResult(r, body.source);
  } catch (e) {
    addStep(String(e.message || e), "bad");
    $("verdict").textContent = "error";
  }
}

async function runAgent() {
  reset();
  let body;
  try {
    body = await grading();
  } catch (e) { return addStep(String(e.message || e), "bad"); }
  body.spec = $("spec").value;
  body.rounds = parseInt($("rounds").value, 10) || 3;
  const response = await fetch("/v1/agent", {method: "POST", headers: headers(), body: JSON.stringify(body)});
  if (!response.ok) return failed(response);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "", lastCode = "";
  for (;;) {
    const {value, done} = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, {stream: true});
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const event = buffer.slice(0, cut).replace(/^data: /, "");
      buffer = buffer.slice(cut + 2);
      if (event === "[DONE]") continue;
      const step = JSON.parse(event);
      if (step.type === "generated") {
        addStep(`round ${step.round}: generate (${step.completion.length} characters)`);
        lastCode = extractCode(step.completion);
      } else if (step.type === "verified") {
        const g = step.graded;
        addStep(`round ${g.round}: ${stagesOf(g.verdict, g.timings)}: ${g.verdict}`, g.passed ? "good" : "bad");
        showResult({...g, verilog: step.verilog, waveform_svg: step.waveform_svg}, step.code || lastCode);
      } else if (step.type === "feedback") {
        addStep(`round ${step.round}: repair: diagnostic sent back`, "", step.text);
      } else if (step.type === "final") {
        addStep(`final: ${step.verdict} after ${step.rounds} round(s)`, step.passed ? "good" : "bad");
        $("verdict").textContent = `${step.verdict} (round ${step.rounds})`;
      } else if (step.type === "error") {
        addStep(`error: ${step.message}`, "bad");
      }
    }
  }
}

function extractCode(answer) {
  const fence = answer.match(/```(?:scala)?\n([\s\S]*?)(```|$)/);
  return fence ? fence[1] : answer;
}

async function openVcd() {
  const vcd = await readFile($("vcd-file"));
  if (!vcd) return;
  const response = await fetch("/v1/waveform", {method: "POST", headers: headers(), body: JSON.stringify({vcd})});
  if (!response.ok) return failed(response);
  $("waveform").innerHTML = (await response.json()).svg;
}

$("run-verify").addEventListener("click", runVerify);
$("run-agent").addEventListener("click", runAgent);
$("vcd-file").addEventListener("change", openVcd);
fetch("/health").then((r) => r.json()).then((h) => { $("model").textContent = "model: " + (h.model || "none (verify only)"); });
