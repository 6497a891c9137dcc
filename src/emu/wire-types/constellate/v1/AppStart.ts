// Original file: proto/constellate/v1/apps.proto


export interface AppStart {
}

export interface AppStart__Output {
}
