/**
 * A progress bar on a terminal, plain lines every 10% elsewhere (CI logs, files).
 * Writes to stderr so that command output on stdout stays clean.
 */
export function createProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr) {
  const tty = Boolean(stream.isTTY)
  let lastDecile = -1
  const started = Date.now()
  const render = (done: number) => {
    const share = total > 0 ? Math.min(1, done / total) : 1
    if (tty) {
      const width = 28
      const filled = Math.round(share * width)
      stream.write(`\r${label.padEnd(22)} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en')}/${total.toLocaleString('en')}`)
    } else {
      const decile = Math.floor(share * 10)
      if (decile !== lastDecile) {
        lastDecile = decile
        stream.write(`${label} ${decile * 10}% (${done.toLocaleString('en')}/${total.toLocaleString('en')})\n`)
      }
    }
  }
  render(0)
  return {
    update: render,
    done() {
      render(total)
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      stream.write(tty ? `  ${seconds} s\n` : `${label} done in ${seconds} s\n`)
    },
  }
}
export type Progress = ReturnType<typeof createProgress>
