// What a gateway request aborts its upstream call with: the part of AbortController and AbortSignal
// that undici and the gateway use. Node builds every AbortSignal as an EventTarget, which cost more
// CPU than any other single step of a proxied request; this is a plain object with a listener list.

type Listener = () => void;

/** An AbortSignal as undici reads it (`aborted`, `reason`, `addEventListener('abort')`). */
export class GatewaySignal {
  aborted = false;
  reason: unknown = undefined;
  private listeners: Listener[] = [];

  /** Listeners run once, when the signal aborts (`{ once: true }` is what they all ask for). */
  addEventListener(_type: 'abort', listener: Listener, _options?: { once?: boolean }): void {
    if (!this.aborted) this.listeners.push(listener);
  }

  removeEventListener(_type: 'abort', listener: Listener): void {
    const i = this.listeners.indexOf(listener);
    if (i !== -1) this.listeners.splice(i, 1);
  }

  /** @internal */
  fire(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    const listeners = this.listeners;
    this.listeners = [];
    for (const listener of listeners) listener();
  }
}

/** An AbortController over a GatewaySignal: aborting twice keeps the first reason, as there. */
export class GatewayAbort {
  readonly signal = new GatewaySignal();

  abort(reason?: unknown): void {
    this.signal.fire(reason);
  }
}
