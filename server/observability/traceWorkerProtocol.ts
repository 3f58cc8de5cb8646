// The messages between the gateway's main thread and the trace worker (traceWorker.ts).
import type { PackedRecord } from './traceSpans.ts';

export interface TraceWorkerData {
  endpoint: string;
  headers: Record<string, string>;
  serviceName: string;
  version: string;
}

export interface WorkerError {
  message: string;
  code?: string;
}

export type ToTraceWorker =
  | { type: 'records'; records: PackedRecord[] }
  | { type: 'connect-answer'; id: number; refused: WorkerError | null }
  | { type: 'probe'; id: number; url: string }
  | { type: 'flush'; id: number }
  | { type: 'close'; id: number };

export type FromTraceWorker =
  | { type: 'connect'; id: number; host: string; port: number; feature: 'export' | 'probe' }
  | { type: 'probe-answer'; id: number; error: WorkerError | null }
  | { type: 'exported'; spans: number; ok: boolean; reason: string | null }
  | { type: 'dropped'; spans: number }
  | { type: 'flushed'; id: number }
  | { type: 'closed'; id: number };
