"""A UART receiver with 16x oversampling, a three-sample majority vote, false-start rejection and framing errors."""

from __future__ import annotations

import random
from typing import Any

from chisellm.eval.suites.chisellm_hard.design import HardDesign, Variant
from chisellm.hdl import Vectors
from chisellm.hdl.vectors import Port

SPEC = """\
Design `UartRx`, a UART receiver for 8N1 frames (a low start bit, 8 data bits LSB first, a high stop bit) that
oversamples the line 16 times per bit.

Interface (besides the implicit clock and reset):
- rx (input, 1): the serial line, high when idle; it is already synchronous to the clock (no synchronizer)
- data (output, 8), valid (output, 1), frame_error (output, 1)

Sampling: a prescaler counts clock cycles modulo $div (it reads 0 in the first cycle after reset), and the line is
sampled in the cycles where it reads $div_max. Everything below happens only on samples. While idle, a sample that
reads 0 is sample 0 of a start bit; the following samples are numbered 1 to 15 and then continue as samples 0 to
15 of the next bit, for the start bit, the 8 data bits and the stop bit. Each bit's value is the majority of its
samples 7, 8 and 9, decided on sample 9. If the start bit's value is 1 the start was a glitch: the receiver goes
back to idle with no output. On sample 9 of the stop bit the frame ends; the outputs are registered, so in the
cycle after that sample data shows the received byte and, if the stop bit's value is 1, valid is high for exactly
that one clock cycle; if it is 0, frame_error is high for that one cycle instead (and data still shows the byte).
Either way the receiver is idle again from the next sample on, so a line that is still low starts a new frame
right away. data holds its value until the next frame ends. After reset the receiver is idle, data is 0, and valid
and frame_error are low; a reset in the middle of a frame abandons it.
"""

REFERENCE = """\
import chisel3._
import chisel3.util._

class UartRx(div: Int) extends Module {
  val rx          = IO(Input(Bool()))
  val data        = IO(Output(UInt(8.W)))
  val valid       = IO(Output(Bool()))
  val frame_error = IO(Output(Bool()))

  val pre  = RegInit(0.U(log2Ceil(div max 2).W))
  val tick = pre === (div - 1).U
  pre := Mux(tick, 0.U, pre + 1.U)

  val busy   = RegInit(false.B)
  val bitIdx = RegInit(0.U(4.W)) // 0 start, 1 to 8 data, 9 stop
  val sample = RegInit(0.U(4.W))
  val s7     = RegInit(false.B)
  val s8     = RegInit(false.B)
  val shift  = RegInit(0.U(8.W))
  val dataR  = RegInit(0.U(8.W))
  val validR = RegInit(false.B)
  val ferrR  = RegInit(false.B)

  validR := false.B
  ferrR  := false.B
  when(tick) {
    when(!busy) {
      when(!rx) {
        busy   := true.B
        bitIdx := 0.U
        sample := 1.U
      }
    }.otherwise {
      when(sample === 7.U) { s7 := rx }
      when(sample === 8.U) { s8 := rx }
      val vote = (s7 && s8) || (s7 && rx) || (s8 && rx)
      sample := sample + 1.U
      when(sample === 15.U) { bitIdx := bitIdx + 1.U }
      when(sample === 9.U) {
        when(bitIdx === 0.U) {
          when(vote) { busy := false.B }
        }.elsewhen(bitIdx === 9.U) {
          busy   := false.B
          dataR  := shift
          validR := vote
          ferrR  := !vote
        }.otherwise {
          shift := Cat(vote, shift(7, 1))
        }
      }
    }
  }
  data        := dataR
  valid       := validR
  frame_error := ferrR
}
"""

# Bug: each bit is taken from its middle sample alone, without the majority vote.
_OK = "val vote = (s7 && s8) || (s7 && rx) || (s8 && rx)"
assert _OK in REFERENCE
WRONG = REFERENCE.replace(_OK, "val vote = s8")


def _wave(rng: random.Random, frames: int) -> list[int]:
    """The line, one value per sample: idle gaps, glitches, noisy frames at a slightly varying baud rate."""
    line = [1] * rng.randint(3, 20)
    for _ in range(frames):
        if rng.random() < 0.3:  # a glitch too short to be a start bit
            line += [0] * rng.randint(1, 6) + [1] * rng.randint(1, 30)
        length = rng.choice((16, 16, 16, 15, 17))
        stop = 0 if rng.random() < 0.15 else 1
        byte = rng.getrandbits(8)
        for bit in [0] + [(byte >> i) & 1 for i in range(8)] + [stop]:
            samples = [bit] * length
            if rng.random() < 0.35:  # one noisy sample, often right at the middle
                samples[rng.choice((8, 8, 7, 9, 6, 10))] ^= 1
            elif rng.random() < 0.05:  # two noisy samples: the vote itself goes wrong
                samples[7] ^= 1
                samples[8] ^= 1
            line += samples
        line += [1] * rng.choice((0, 0, 1, 3, 8, rng.randint(10, 60)))
    return line


def golden(params: dict[str, Any], rng: random.Random) -> Vectors:
    div = params["div"]
    inputs = [Port("reset", 1), Port("rx", 1)]
    outputs = [Port("data", 8), Port("valid", 1), Port("frame_error", 1)]
    rows = []
    frames = params["frames"]
    segments = [_wave(rng, frames // 3), _wave(rng, frames - frames // 3)]
    cut = rng.randint(len(segments[0]) // 2, len(segments[0]) - 1)
    segments[0] = segments[0][:cut]  # the reset that follows lands wherever the cut falls, often mid-frame
    for segment in segments:
        rows.append(({"reset": 1, "rx": 1}, {}))
        pre = busy = bit = sample = s7 = s8 = shift = data = valid = ferr = 0
        for level in (v for v in segment for _ in range(div)):
            rows.append(({"reset": 0, "rx": level}, {"data": data, "valid": valid, "frame_error": ferr}))
            valid = ferr = 0
            if pre == div - 1:
                if not busy:
                    if not level:
                        busy, bit, sample = 1, 0, 1
                else:
                    vote = int(s7 + s8 + level >= 2)
                    s7 = level if sample == 7 else s7
                    s8 = level if sample == 8 else s8
                    if sample == 9:
                        if bit == 0 and vote:
                            busy = 0
                        elif bit == 9:
                            busy, data, valid, ferr = 0, shift, vote, 1 - vote
                        elif bit:
                            shift = (shift >> 1) | (vote << 7)
                    if sample == 15:
                        bit += 1
                    sample = (sample + 1) % 16
            pre = 0 if pre == div - 1 else pre + 1
    return Vectors.from_cycles(inputs, outputs, rows)


def _variant(div: int, frames: int) -> Variant:
    return Variant(f"div{div}", {"div": div, "div_max": div - 1, "frames": frames})


DESIGN = HardDesign(
    name="uart_rx_oversample", top="UartRx", spec=SPEC, reference=REFERENCE, wrong=WRONG, golden=golden,
    variants=(_variant(1, 24), _variant(3, 12)), seeds=(1, 2, 3), top_args="$div", category="protocol")
