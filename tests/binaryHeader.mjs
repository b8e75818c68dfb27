// Reads an executable's format and CPU architecture from its file header, so
// the archive test checks what each backend binary really is rather than what
// its name says. Layouts: ELF (System V ABI, e_ident and e_machine), Mach-O
// (<mach-o/loader.h>: magic and cputype) and PE/COFF (Microsoft PE format:
// the "PE\0\0" signature at e_lfanew, then the COFF Machine field).
import { openSync, readSync, closeSync } from 'node:fs';

const elfMachines = { 0x03: '386', 0x28: 'arm', 0x3e: 'amd64', 0xb7: 'arm64' };
const machoCPUs = { 0x01000007: 'amd64', 0x0100000c: 'arm64' };
const peMachines = { 0x014c: '386', 0x8664: 'amd64', 0xaa64: 'arm64' };

function head(path, bytes) {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** @returns {{ os: 'linux' | 'darwin' | 'windows', arch: string, bits: 32 | 64 }} */
export function binaryHeader(path) {
  const b = head(path, 4096);
  if (b.length >= 20 && b.readUInt32BE(0) === 0x7f454c46) {
    const bits = b[4] === 2 ? 64 : 32;
    const machine = b[5] === 1 ? b.readUInt16LE(18) : b.readUInt16BE(18);
    return { os: 'linux', arch: elfMachines[machine] ?? `elf-machine-${machine}`, bits };
  }
  if (b.length >= 8 && b.readUInt32LE(0) === 0xfeedfacf) {
    const cpu = b.readUInt32LE(4);
    return { os: 'darwin', arch: machoCPUs[cpu] ?? `macho-cpu-${cpu}`, bits: 64 };
  }
  if (b.length >= 64 && b.toString('latin1', 0, 2) === 'MZ') {
    const pe = b.readUInt32LE(0x3c);
    if (pe + 6 <= b.length && b.readUInt32BE(pe) === 0x50450000) {
      const machine = b.readUInt16LE(pe + 4);
      const arch = peMachines[machine] ?? `pe-machine-${machine}`;
      return { os: 'windows', arch, bits: arch === '386' ? 32 : 64 };
    }
  }
  throw new Error(`${path}: not an ELF, Mach-O 64 or PE executable`);
}
