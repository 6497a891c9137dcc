/**
 * The package definition that gRPC reflection serves (grpc-util.ts), made valid for standard
 * clients. @grpc/reflection serves the FileDescriptorProtos that proto-loader builds with
 * protobufjs's descriptor extension, and that extension names the implicit entry message of a
 * `map<K, V> dropped_by_reason` field "Dropped_by_reason" (ucFirst of the field name) where
 * protobuf requires "DroppedByReasonEntry" (descriptor.proto: "map<KeyType, ValueType> map_field"
 * is "repeated MapFieldEntry map_field"). protoc-built runtimes refuse such a file: Python's
 * descriptor_pool.Add says "map_entry should not be set explicitly", Go's (grpcurl) "incorrect
 * implicit map entry name" (fullstorydev/grpcurl issue 519). Here every map entry is renamed to
 * the name protobuf derives, and its field's type name follows.
 *
 * The descriptors are those of a keepCase load: clients see the .proto's own field names
 * (node_states, t_unix_ms), whatever case the run-time loader gives the objects in TypeScript.
 * Only names change; field numbers and types, hence the bytes on the wire, are the same.
 */
import * as protoLoader from "@grpc/proto-loader";
import descriptorExt from "protobufjs/ext/descriptor/index.js";
import { LOADER_OPTIONS, PROTO_FILES, protoDir } from "./proto-loader.js";

type DescriptorProto = descriptorExt.IDescriptorProto;
type FileDescriptorProto = descriptorExt.IFileDescriptorProto;

/** protobuf's map entry name: the field name in UpperCamelCase plus "Entry" (descriptor.cc, ToCamelCase). */
export function mapEntryName(fieldName: string): string {
  const camel = fieldName.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  return `${camel.charAt(0).toUpperCase()}${camel.slice(1)}Entry`;
}

/** Renames, in place, the map entries of a message and of its nested messages. */
export function fixMapEntries(message: DescriptorProto): void {
  const nested = message.nestedType ?? [];
  for (const field of message.field ?? []) {
    // A map field: repeated, of a message type that is a map entry nested in this message.
    if (field.label !== 3 || !field.typeName || !field.name) continue;
    const entry = nested.find((n) => n.name === field.typeName && n.options?.mapEntry);
    if (!entry) continue;
    const name = mapEntryName(field.name);
    entry.name = name;
    field.typeName = name;
  }
  for (const n of nested) fixMapEntries(n);
}

/** Decodes one served FileDescriptorProto, fixes its map entries, encodes it again. */
export function fixFileDescriptor(bytes: Uint8Array): Buffer {
  const file = descriptorExt.FileDescriptorProto.decode(bytes) as FileDescriptorProto;
  for (const m of file.messageType ?? []) fixMapEntries(m);
  return Buffer.from(descriptorExt.FileDescriptorProto.encode(file).finish());
}

/** The contract's package definition for reflection: .proto field names, valid map entries. */
export function reflectionPackageDefinition(): protoLoader.PackageDefinition {
  const def = protoLoader.loadSync([...PROTO_FILES], {
    includeDirs: [protoDir()],
    ...LOADER_OPTIONS,
    keepCase: true,
  });
  // Every definition carries the same list of files; fix it once and share it.
  const fixed = new Map<readonly Buffer[], Buffer[]>();
  const out: protoLoader.PackageDefinition = {};
  for (const [name, d] of Object.entries(def)) {
    const files = (d as { fileDescriptorProtos?: Buffer[] }).fileDescriptorProtos;
    if (!Array.isArray(files)) {
      out[name] = d;
      continue;
    }
    let f = fixed.get(files);
    if (!f) {
      f = files.map(fixFileDescriptor);
      fixed.set(files, f);
    }
    out[name] = { ...d, fileDescriptorProtos: f } as typeof d;
  }
  return out;
}
