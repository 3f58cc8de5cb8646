// Queues audit events in memory and writes them to SQLite in one transaction after the current
// turn of the event loop, i.e. after the response has been handed to the socket. A failed write
// is logged and the batch dropped: the audit log must never fail or slow an admin request.
// With AUDIT_LOGS_ENABLED=OFF, record() does nothing.
import { toRow, type AuditEvent, type AuditRow } from './events.ts';
import type { AuditRepository } from './repository.ts';

export interface AuditErrorLogger {
  error(details: object, message: string): void;
}

export interface AuditLogOptions {
  enabled: boolean;
  now: () => number;
}

const consoleLogger: AuditErrorLogger = { error: (details, message) => console.error(message, details) };

export class AuditLog {
  private queue: AuditEvent[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  private log: AuditErrorLogger = consoleLogger;

  constructor(
    /** The table behind the log; readers flush() first. */
    readonly repository: AuditRepository,
    private readonly options: AuditLogOptions,
  ) {}

  get enabled(): boolean {
    return this.options.enabled;
  }

  /** Where write failures are reported; the app's logger once it exists. */
  useLogger(log: AuditErrorLogger): void {
    this.log = log;
  }

  record(event: AuditEvent): void {
    if (!this.options.enabled) return;
    this.queue.push({ ...event, timestamp: event.timestamp ?? this.options.now() });
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** Writes what is queued now. Readers call it first so that they see every answered request. */
  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const rows: AuditRow[] = [];
    for (const event of batch) {
      try {
        rows.push(toRow(event, this.options.now()));
      } catch (err) {
        this.log.error({ err, uri: event.uri, request_id: event.request_id }, 'audit event could not be prepared; it was dropped');
      }
    }
    try {
      this.repository.insertMany(rows);
    } catch (err) {
      this.log.error({ err, dropped: rows.length }, 'audit log write failed; these audit events were dropped');
    }
  }

  close(): void {
    this.flush();
  }
}
