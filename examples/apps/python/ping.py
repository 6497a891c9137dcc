#!/usr/bin/env python3
"""ping as an external app: the same as examples/apps/ping.ts, in Python, over gRPC.

A station (`from`) pings a peer (`to`) every `everyS` virtual seconds; `to` echoes. Writes
$CONSTELLATE_APP_DIR/pings.csv: sentUnixMs,rttMs,modelRttMs (rttMs empty when no answer came;
modelRttMs is the controller's ModelRoute there and back at the send instant, propagation only).

    constellate launch my.yaml --app "/usr/bin/python3 examples/apps/python/ping.py" \
        --app-config ping.from=London --app-config "ping.to=New York" --app-config ping.everyS=10

Needs Debian's python3-grpcio and python3-grpc-tools (no pip): the stubs are generated at start
from proto/ (CONSTELLATE_PROTO_DIR) into a temporary directory. The launcher passes
CONSTELLATE_ADDRESS, CONSTELLATE_SECRET (the run's secret: every call carries it as
x-constellate-secret metadata; docs/security.md), CONSTELLATE_TLS_CERT_PEM (with launch --tls: the
run's certificate, the only one to trust), CONSTELLATE_APP, CONSTELLATE_APP_OPTIONS (JSON) and
CONSTELLATE_APP_DIR. The protocol (proto/constellate/v1/apps.proto): claim nodes with hello, then
answer every event with the sends it causes and one yield naming the node's next wake-up.
"""

import difflib
import json
import os
import queue
import shutil
import sys
import tempfile

OPTIONS = {"from": str, "to": str, "everyS": (int, float)}
PING_BYTES = 64  # as ping.ts and `constellate ping`


def fail(msg, code=2):
    print(f"ping.py: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def send_failure_text(pb, r):
    """What constellate says for a failed send (src/emu/wire-enums.ts sendFailureText): a node's
    drop as its reason name and detail ("ttl-expired: no-route"), or why it was refused."""
    if r.reason == pb.SEND_FAILURE_DROPPED:
        enum = r.DESCRIPTOR.fields_by_name["drop_reason"].enum_type
        # DROP_REASON_TTL_EXPIRED is constellate's "ttl-expired" (the enum names the reason).
        name = enum.values_by_number[r.drop_reason].name.removeprefix("DROP_REASON_").lower().replace("_", "-")
        return f"{name}: {r.reason_detail}" if r.reason_detail else name
    return r.reason_detail or "refused"


def read_options():
    given = json.loads(os.environ.get("CONSTELLATE_APP_OPTIONS", "{}"))
    for key in given:
        if key not in OPTIONS:
            near = difflib.get_close_matches(key, list(OPTIONS), n=1)
            hint = f' (did you mean "{near[0]}"?)' if near else ""
            fail(f'app ping has no option "{key}"{hint}; its options: {", ".join(OPTIONS)}')
    opts = {"everyS": 10, **given}
    for key, kind in OPTIONS.items():
        if key not in opts:
            fail(f"option {key} is required (--app-config ping.{key}=...)")
        if not isinstance(opts[key], kind) or isinstance(opts[key], bool):
            fail(f"option {key}: expected {'a number' if kind is not str else 'a name'}, got {opts[key]!r}")
    if opts["everyS"] <= 0:
        fail(f"option everyS: expected > 0, got {opts['everyS']}")
    return opts


def load_stubs():
    out = tempfile.mkdtemp(prefix="constellate-stubs-")
    proto_dir = os.environ.get("CONSTELLATE_PROTO_DIR") or os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "proto"
    )
    from grpc_tools import protoc

    rc = protoc.main(
        [
            "protoc",
            f"-I{proto_dir}",
            f"--python_out={out}",
            f"--grpc_python_out={out}",
            "constellate/v1/bundle.proto",
            "constellate/v1/apps.proto",
        ]
    )
    if rc != 0:
        fail(f"protoc failed ({rc}) on {proto_dir}", 1)
    sys.path.insert(0, out)
    from constellate.v1 import apps_pb2, apps_pb2_grpc  # noqa: E402

    return apps_pb2, apps_pb2_grpc, out


def num(x):
    """A number as JavaScript's String(x) writes it (shortest round trip; integers without .0)."""
    return str(int(x)) if float(x).is_integer() else repr(float(x))


def main():
    opts = read_options()
    import grpc

    pb, pb_grpc, stub_dir = load_stubs()
    try:
        run(opts, grpc, pb, pb_grpc)
    finally:
        shutil.rmtree(stub_dir, ignore_errors=True)


def run(opts, grpc, pb, pb_grpc):
    every_ms = opts["everyS"] * 1000
    out_dir = os.environ.get("CONSTELLATE_APP_DIR", ".")
    cert = os.environ.get("CONSTELLATE_TLS_CERT_PEM")
    if cert:
        creds = grpc.ssl_channel_credentials(root_certificates=cert.encode())
        channel = grpc.secure_channel(os.environ["CONSTELLATE_ADDRESS"], creds)
    else:
        channel = grpc.insecure_channel(os.environ["CONSTELLATE_ADDRESS"])
    secret = os.environ["CONSTELLATE_SECRET"]
    up = queue.Queue()

    def requests():
        while True:
            m = up.get()
            if m is None:
                return
            yield m

    up.put(
        pb.AppUp(
            hello=pb.AppHello(
                token=secret,
                app=os.environ.get("CONSTELLATE_APP", "ping"),
                nodes=[opts["from"], opts["to"]],
            )
        )
    )
    rows = []  # [sentUnixMs, rttMs or None, modelRttMs or None]
    halves = {}  # ping seq -> one-way model answers so far
    wake = {}  # node -> next wake-up, Unix ms (0: none)
    claimed, stopped = set(), set()
    src = dst = None

    def write_csv():
        lines = ["sentUnixMs,rttMs,modelRttMs"]
        for sent, rtt, model in rows:
            lines.append(f"{num(sent)},{'' if rtt is None else num(rtt)},{'' if model is None else num(model)}")
        os.makedirs(out_dir, exist_ok=True)
        tmp = os.path.join(out_dir, ".pings.csv.tmp")
        with open(tmp, "w") as f:
            f.write("\n".join(lines) + "\n")
        os.replace(tmp, os.path.join(out_dir, "pings.csv"))

    for down in pb_grpc.AppsStub(channel).Attach(requests(), metadata=[("x-constellate-secret", secret)]):
        kind = down.WhichOneof("msg")
        if kind == "welcome":
            w = down.welcome
            if w.error:
                fail(f"attach refused: {w.error}", 1)
            by_name = {n.name.lower(): n.id for n in w.nodes}
            src, dst = by_name[opts["from"].lower()], by_name[opts["to"].lower()]
            claimed = {n.id for n in w.nodes}
            continue
        if kind == "model_route":
            a = down.model_route
            seq = int(a.seq) // 2
            halves.setdefault(seq, []).append(a.one_way_ms if a.ok else None)
            if len(halves[seq]) == 2 and None not in halves[seq]:
                rows[seq][2] = halves[seq][0] + halves[seq][1]
            continue
        if kind == "send_result":
            r = down.send_result
            if not r.ok:
                print(f"ping.py: send {int(r.seq)} failed: {send_failure_text(pb, r)}", file=sys.stderr, flush=True)
            continue
        if kind != "event":
            continue
        ev = down.event
        node, t = ev.node, ev.t_unix_ms
        what = ev.WhichOneof("kind")
        if what == "stop":
            stopped.add(node)
            if stopped >= claimed:
                break
            continue
        if what == "start" and node == src:
            wake[node] = t + every_ms
        elif what == "timer" and node == src:
            seq = len(rows)
            rows.append([t, None, None])
            up.put(
                pb.AppUp(
                    send=pb.AppSend(node=src, seq=seq, to=str(dst), size_bytes=PING_BYTES, metadata={"ping": str(seq)}, at_unix_ms=t)
                )
            )
            # Asked at once, within the same topology step as the send.
            up.put(pb.AppUp(model_route=pb.AppModelRouteQuery(seq=2 * seq, to=str(dst), **{"from": str(src)})))
            up.put(pb.AppUp(model_route=pb.AppModelRouteQuery(seq=2 * seq + 1, to=str(src), **{"from": str(dst)})))
            wake[node] = t + every_ms
        elif what == "delivery":
            d = ev.delivery
            if node == dst and "ping" in d.metadata:
                up.put(
                    pb.AppUp(
                        send=pb.AppSend(node=dst, to=str(d.__getattribute__("from")), size_bytes=d.size_bytes, metadata={"pong": d.metadata["ping"]}, at_unix_ms=t)
                    )
                )
            elif node == src and "pong" in d.metadata:
                i = int(d.metadata["pong"])
                if i < len(rows) and rows[i][1] is None:
                    rows[i][1] = d.arrival_unix_ms - rows[i][0]
        # Every event gets one answer: the node's next wake-up (0: none).
        up.put(pb.AppUp(**{"yield": pb.AppYield(node=node, event_t_unix_ms=t, wake_at_unix_ms=wake.get(node, 0))}))
    write_csv()
    up.put(None)
    channel.close()


if __name__ == "__main__":
    main()
