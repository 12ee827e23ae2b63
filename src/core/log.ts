/** Where the bot writes what happened: one JSON line per event, never secrets. */
export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** One JSON line per event on stderr; never given secrets. */
export const jsonLogger: Logger = {
  info: (msg, data) => console.error(JSON.stringify({ level: 'info', msg, ...data })),
  warn: (msg, data) => console.error(JSON.stringify({ level: 'warn', msg, ...data })),
  error: (msg, data) => console.error(JSON.stringify({ level: 'error', msg, ...data })),
};
