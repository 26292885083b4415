"""A seccomp filter for sandboxed processes, as the classic-BPF program bubblewrap's `--seccomp FD` loads.

It refuses (with EPERM) the system calls untrusted code never needs and that widen an escape: opening files by
handle (`open_by_handle_at`, the call that walks out of a bind mount), tracing other processes, mounting,
namespaces, kernel keyrings, BPF, perf, userfaultfd, io_uring, module loading, kexec, reboot and the like.
`clone3` answers ENOSYS, so that the C library falls back to `clone`, whose flags a filter can inspect: creating
new namespaces with it is refused too. Anything on another architecture ABI (x32) is refused. Everything else
is allowed: the filter narrows a sandbox, the sandbox's namespaces and missing capabilities are the boundary.
"""

from __future__ import annotations

import errno
import platform
import struct

# struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6]
_NR, _ARCH, _ARG0 = 0, 4, 16
_LD_W_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
_ALLOW = 0x7FFF0000
_KILL_PROCESS = 0x80000000
_ERRNO = 0x00050000
_X32 = 0x40000000
# CLONE_NEWNS | NEWCGROUP | NEWUTS | NEWIPC | NEWUSER | NEWPID | NEWNET | NEWTIME
_CLONE_NAMESPACES = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 | 0x40000000 | 0x00000080

_DENIED_NAMES = (
    "open_by_handle_at", "name_to_handle_at", "ptrace", "process_vm_readv", "process_vm_writev", "mount", "umount2",
    "pivot_root", "chroot", "unshare", "setns", "keyctl", "add_key", "request_key", "bpf", "perf_event_open",
    "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "init_module", "finit_module",
    "delete_module", "kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff", "syslog", "acct",
    "settimeofday", "clock_settime", "adjtimex", "quotactl", "fsopen", "fsmount", "fspick", "move_mount",
    "open_tree", "mount_setattr", "lookup_dcookie", "personality", "vhangup", "iopl", "ioperm", "memfd_secret",
)

# System call numbers per architecture (Linux UAPI). Names missing on an architecture are skipped.
_SYSCALLS = {
    "x86_64": (0xC000003E, {
        "open_by_handle_at": 304, "name_to_handle_at": 303, "ptrace": 101, "process_vm_readv": 310,
        "process_vm_writev": 311, "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "unshare": 272,
        "setns": 308, "keyctl": 250, "add_key": 248, "request_key": 249, "bpf": 321, "perf_event_open": 298,
        "userfaultfd": 323, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
        "init_module": 175, "finit_module": 313, "delete_module": 176, "kexec_load": 246, "kexec_file_load": 320,
        "reboot": 169, "swapon": 167, "swapoff": 168, "syslog": 103, "acct": 163, "settimeofday": 164,
        "clock_settime": 227, "adjtimex": 159, "quotactl": 179, "fsopen": 430, "fsmount": 432, "fspick": 433,
        "move_mount": 429, "open_tree": 428, "mount_setattr": 442, "lookup_dcookie": 212, "personality": 135,
        "vhangup": 153, "iopl": 172, "ioperm": 173, "memfd_secret": 447, "clone": 56, "clone3": 435}),
    "aarch64": (0xC00000B7, {
        "open_by_handle_at": 265, "name_to_handle_at": 264, "ptrace": 117, "process_vm_readv": 270,
        "process_vm_writev": 271, "mount": 40, "umount2": 39, "pivot_root": 41, "chroot": 51, "unshare": 97,
        "setns": 268, "keyctl": 219, "add_key": 217, "request_key": 218, "bpf": 280, "perf_event_open": 241,
        "userfaultfd": 282, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
        "init_module": 105, "finit_module": 273, "delete_module": 106, "kexec_load": 104, "kexec_file_load": 294,
        "reboot": 142, "swapon": 224, "swapoff": 225, "syslog": 116, "acct": 89, "settimeofday": 170,
        "clock_settime": 112, "adjtimex": 171, "quotactl": 60, "fsopen": 430, "fsmount": 432, "fspick": 433,
        "move_mount": 429, "open_tree": 428, "mount_setattr": 442, "lookup_dcookie": 18, "personality": 92,
        "vhangup": 58, "memfd_secret": 447, "clone": 220, "clone3": 435}),
}


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k)


def filter_program(machine: str | None = None) -> bytes | None:
    """The filter for this machine's architecture (struct sock_filter[], native order), or None if unknown."""
    machine = machine or platform.machine()
    if machine not in _SYSCALLS:
        return None
    arch, numbers = _SYSCALLS[machine]
    denied = [numbers[name] for name in _DENIED_NAMES if name in numbers]
    eperm = _ERRNO | errno.EPERM
    prog = [_insn(_LD_W_ABS, 0, 0, _ARCH), _insn(_JEQ, 1, 0, arch), _insn(_RET, 0, 0, _KILL_PROCESS),
            _insn(_LD_W_ABS, 0, 0, _NR)]
    if machine == "x86_64":
        prog += [_insn(_JGE, 0, 1, _X32), _insn(_RET, 0, 0, eperm)]
    for number in denied:
        prog += [_insn(_JEQ, 0, 1, number), _insn(_RET, 0, 0, eperm)]
    prog += [_insn(_JEQ, 0, 1, numbers["clone3"]), _insn(_RET, 0, 0, _ERRNO | errno.ENOSYS),
             # clone(flags, ...): the low 32 bits of the first argument hold the namespace flags.
             _insn(_JEQ, 0, 3, numbers["clone"]), _insn(_LD_W_ABS, 0, 0, _ARG0),
             _insn(_JSET, 0, 1, _CLONE_NAMESPACES), _insn(_RET, 0, 0, eperm),
             _insn(_RET, 0, 0, _ALLOW)]
    return b"".join(prog)


def denied_syscalls(machine: str | None = None) -> list[str]:
    """The names of the system calls the filter refuses on `machine` (for docs and tests)."""
    machine = machine or platform.machine()
    numbers = _SYSCALLS.get(machine, ("", {}))[1]
    return [name for name in _DENIED_NAMES if name in numbers] + ["clone3 (ENOSYS)", "clone with namespace flags"]
