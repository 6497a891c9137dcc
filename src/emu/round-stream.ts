/**
 * The controller's end of one host's `Host.Rounds` stream (controller.proto): the virtual clock's
 * rounds as messages on one long-lived call instead of a unary `Advance` per round. At shell1 the
 * unary calls (an HTTP/2 stream, headers and trailers each, both ways, for ~1,000 rounds per 300 s)
 * were most of what a round cost the controller and the hosts (docs/step-cpu.md).
 *
 * One request is outstanding at a time (the synchronization waits for every reply before the next
 * round), so a reply answers the oldest pending request. A broken stream fails what is pending and
 * the next round opens a new one; a round that takes longer than its deadline cancels the stream
 * (a late reply must not answer the next request).
 */
import type * as grpc from "@grpc/grpc-js";
import type { AdvanceReply, AdvanceRequest } from "./wire.js";

type RoundsClient = grpc.Client & { Rounds(): grpc.ClientDuplexStream<AdvanceRequest, AdvanceReply> };

interface Pending {
  resolve(r: AdvanceReply): void;
  reject(e: unknown): void;
  timer: NodeJS.Timeout;
}

export class RoundStream {
  private call: grpc.ClientDuplexStream<AdvanceRequest, AdvanceReply> | null = null;
  private pending: Pending[] = [];

  constructor(
    readonly client: grpc.Client,
    private readonly deadlineWallMs: number,
  ) {}

  advance(req: AdvanceRequest): Promise<AdvanceReply> {
    const call = this.call ?? this.open();
    return new Promise<AdvanceReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(call, new Error(`no reply to the round within ${this.deadlineWallMs} ms`));
        call.cancel();
      }, this.deadlineWallMs);
      timer.unref();
      this.pending.push({ resolve, reject, timer });
      call.write(req);
    });
  }

  /** End the stream (the host ends its side); pending rounds fail. */
  close(): void {
    const call = this.call;
    if (!call) return;
    this.fail(call, new Error("round stream closed"));
    call.end();
    call.cancel();
  }

  private open(): grpc.ClientDuplexStream<AdvanceRequest, AdvanceReply> {
    const call = (this.client as RoundsClient).Rounds();
    this.call = call;
    call.on("data", (r: AdvanceReply) => {
      const p = this.pending.shift();
      if (!p) return;
      clearTimeout(p.timer);
      p.resolve(r);
    });
    call.on("error", (e: unknown) => this.fail(call, e));
    call.on("end", () => this.fail(call, new Error("the host ended its round stream")));
    return call;
  }

  private fail(call: grpc.ClientDuplexStream<AdvanceRequest, AdvanceReply>, e: unknown): void {
    if (this.call !== call) return;
    this.call = null;
    const pending = this.pending;
    this.pending = [];
    for (const p of pending) {
      clearTimeout(p.timer);
      p.reject(e);
    }
  }
}
