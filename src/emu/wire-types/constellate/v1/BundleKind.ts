// Original file: proto/constellate/v1/bundle.proto

export const BundleKind = {
  BUNDLE_KIND_DATA: 'BUNDLE_KIND_DATA',
  BUNDLE_KIND_ECHO_REQUEST: 'BUNDLE_KIND_ECHO_REQUEST',
  BUNDLE_KIND_ECHO_REPLY: 'BUNDLE_KIND_ECHO_REPLY',
} as const;

export type BundleKind =
  | 'BUNDLE_KIND_DATA'
  | 0
  | 'BUNDLE_KIND_ECHO_REQUEST'
  | 1
  | 'BUNDLE_KIND_ECHO_REPLY'
  | 2

export type BundleKind__Output = typeof BundleKind[keyof typeof BundleKind]
