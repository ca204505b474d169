/**
 * The pino logger. Plan content never goes into a log line: log ids (docId, userId,
 * caseId, nodeId) and sizes, never text or update bytes.
 */
import { pino, type Logger } from 'pino'

export type { Logger }

/** Creates the process logger; JSON lines on stdout. */
export function createLogger(level: string, nodeId: string): Logger {
  return pino({ level, base: { nodeId }, timestamp: pino.stdTimeFunctions.isoTime })
}
