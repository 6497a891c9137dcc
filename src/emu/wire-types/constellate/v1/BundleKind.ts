// Original file: proto/constellate/v1/bundle.proto

export const BundleKind = {
  /**
   * Read as data.
   */
  BUNDLE_KIND_UNSPECIFIED: 'BUNDLE_KIND_UNSPECIFIED',
  BUNDLE_KIND_DATA: 'BUNDLE_KIND_DATA',
  BUNDLE_KIND_ECHO_REQUEST: 'BUNDLE_KIND_ECHO_REQUEST',
  BUNDLE_KIND_ECHO_REPLY: 'BUNDLE_KIND_ECHO_REPLY',
} as const;

export type BundleKind =
  /**
   * Read as data.
   */
  | 'BUNDLE_KIND_UNSPECIFIED'
  | 0
  | 'BUNDLE_KIND_DATA'
  | 1
  | 'BUNDLE_KIND_ECHO_REQUEST'
  | 2
  | 'BUNDLE_KIND_ECHO_REPLY'
  | 3

export type BundleKind__Output = typeof BundleKind[keyof typeof BundleKind]
