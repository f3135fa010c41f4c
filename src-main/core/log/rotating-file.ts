import fs from 'node:fs';
import path from 'node:path';
import { ensureFolder } from '../data-folder.ts';

/** Appends lines to a file and rolls it to `.1` … `.N` when it grows past maxBytes. */
export class RotatingFile {
  private size: number;
  private readonly file: string;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(file: string, maxBytes = 2 * 1024 * 1024, keep = 3) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.keep = keep;
    ensureFolder(path.dirname(file));
    this.size = fs.existsSync(file) ? fs.statSync(file).size : 0;
  }

  get path(): string {
    return this.file;
  }

  append(line: string): void {
    const bytes = Buffer.byteLength(line) + 1;
    if (this.size + bytes > this.maxBytes && this.size > 0) this.rotate();
    fs.appendFileSync(this.file, line + '\n', { mode: 0o600 });
    this.size += bytes;
  }

  private rotate(): void {
    for (let index = this.keep - 1; index >= 1; index--) {
      const from = `${this.file}.${index}`;
      if (fs.existsSync(from)) fs.renameSync(from, `${this.file}.${index + 1}`);
    }
    fs.renameSync(this.file, `${this.file}.1`);
    this.size = 0;
  }
}
