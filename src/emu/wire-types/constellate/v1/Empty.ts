// Original file: proto/constellate/v1/bundle.proto


export interface Empty {
}

export interface Empty__Output {
}
