#!/usr/bin/env python3
"""Calls a running launch through gRPC reflection alone: no constellate stubs, no proto/ files.

    /usr/bin/python3 examples/python/reflect.py runs/<run>

Reads the controller's address from <run>/controller.json and the run's secret from <run>/secret
(every call carries it as x-constellate-secret metadata; docs/security.md). Then, as any standard
reflection client does: lists the services, fetches the file descriptors that define them, builds
a descriptor_pool, and calls the methods it found there: Controller.GetStatus, then Node.GetStatus
on the first node that is up (its address is in the controller's answer). Prints one JSON object:
{"services": [...], "controller": {...}, "node": {...}} with the .proto's field names.

Needs Debian's python3-grpcio and python3-grpc-tools (no pip). grpc_reflection (the reflection
client package) is not packaged by Debian, so the reflection protocol's own stubs are generated at
start, with grpc_tools.protoc, from the reflection.proto that @grpc/reflection ships.
"""

import json
import os
import sys
import tempfile

SECRET_HEADER = "x-constellate-secret"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
REFLECTION_PROTO = os.path.join(
    ROOT, "node_modules", "@grpc", "reflection", "build", "proto", "grpc", "reflection", "v1alpha", "reflection.proto"
)


def fail(msg, code=2):
    print(f"reflect.py: {msg}", file=sys.stderr, flush=True)
    sys.exit(code)


def reflection_stubs():
    """The reflection protocol's stubs, from @grpc/reflection's own .proto.

    Compiled as a top-level reflection.proto: generated where the .proto sits (grpc/reflection/...)
    the stubs would be a package named grpc, shadowing grpcio itself.
    """
    out = tempfile.mkdtemp(prefix="constellate-reflection-")
    with open(REFLECTION_PROTO, "rb") as src, open(os.path.join(out, "reflection.proto"), "wb") as dst:
        dst.write(src.read())
    from grpc_tools import protoc

    rc = protoc.main(["protoc", f"-I{out}", f"--python_out={out}", f"--grpc_python_out={out}", "reflection.proto"])
    if rc != 0:
        fail(f"protoc failed ({rc}) on {REFLECTION_PROTO}", 1)
    sys.path.insert(0, out)
    import reflection_pb2
    import reflection_pb2_grpc

    return reflection_pb2, reflection_pb2_grpc


class Reflected:
    """One server's reflection: services, descriptors in a pool, and dynamic unary calls."""

    def __init__(self, grpc, address, secret, stubs):
        from google.protobuf import descriptor_pool

        self.grpc = grpc
        self.r, rg = stubs
        self.metadata = ((SECRET_HEADER, secret),)
        self.channel = grpc.insecure_channel(address)
        self.stub = rg.ServerReflectionStub(self.channel)
        self.pool = descriptor_pool.DescriptorPool()
        self.files = {}  # name -> FileDescriptorProto, fetched
        self.added = set()

    def ask(self, **req):
        res = next(iter(self.stub.ServerReflectionInfo(iter([self.r.ServerReflectionRequest(**req)]), metadata=self.metadata)))
        if res.HasField("error_response"):
            fail(f"reflection refused {req}: {res.error_response.error_message}", 1)
        return res

    def services(self):
        return [s.name for s in self.ask(list_services="").list_services_response.service]

    def _take(self, res):
        from google.protobuf import descriptor_pb2

        for raw in res.file_descriptor_response.file_descriptor_proto:
            fd = descriptor_pb2.FileDescriptorProto.FromString(raw)
            self.files.setdefault(fd.name, fd)

    def _add(self, name):
        if name in self.added:
            return
        if name not in self.files:
            self._take(self.ask(file_by_filename=name))
        fd = self.files[name]
        for dep in fd.dependency:
            self._add(dep)
        self.pool.Add(fd)  # where a badly formed descriptor (e.g. a map entry) is refused
        self.added.add(name)

    def load(self, symbol):
        self._take(self.ask(file_containing_symbol=symbol))
        for name in list(self.files):
            self._add(name)
        return self.pool.FindServiceByName(symbol)

    def call(self, service, method_name, fields):
        from google.protobuf import message_factory

        method = service.methods_by_name[method_name]
        if hasattr(message_factory, "GetMessageClass"):  # protobuf >= 4.21
            req_cls = message_factory.GetMessageClass(method.input_type)
            res_cls = message_factory.GetMessageClass(method.output_type)
        else:  # Debian's 3.21
            factory = message_factory.MessageFactory(self.pool)
            req_cls = factory.GetPrototype(method.input_type)
            res_cls = factory.GetPrototype(method.output_type)
        fn = self.channel.unary_unary(
            f"/{service.full_name}/{method.name}",
            request_serializer=req_cls.SerializeToString,
            response_deserializer=res_cls.FromString,
        )
        return fn(req_cls(**fields), metadata=self.metadata, timeout=30)

    def close(self):
        self.channel.close()


def main():
    if len(sys.argv) != 2:
        fail("usage: reflect.py <run dir>")
    run_dir = sys.argv[1]
    try:
        with open(os.path.join(run_dir, "controller.json")) as f:
            address = json.load(f)["address"]
        with open(os.path.join(run_dir, "secret")) as f:
            secret = f.read().strip()
    except OSError as e:
        fail(f"{run_dir}: not a running launch's run dir ({e.strerror}: {e.filename})")
    try:
        import grpc
        from google.protobuf import json_format
    except ImportError:
        fail("needs Debian's python3-grpcio and python3-grpc-tools (apt-get install python3-grpcio python3-grpc-tools)")
    stubs = reflection_stubs()

    def as_dict(msg):
        return json_format.MessageToDict(msg, preserving_proto_field_name=True)

    ctl = Reflected(grpc, address, secret, stubs)
    services = ctl.services()
    status = ctl.call(ctl.load("constellate.v1.Controller"), "GetStatus", {})
    ctl.close()
    up = [n for n in status.nodes if n.up and n.address]
    if not up:
        fail("no node is up", 1)
    node = Reflected(grpc, up[0].address, secret, stubs)
    node_status = node.call(node.load("constellate.v1.Node"), "GetStatus", {})
    node.close()
    print(json.dumps({"services": services, "controller": as_dict(status), "node": as_dict(node_status)}))


if __name__ == "__main__":
    main()
