// Original file: proto/constellate/v1/apps.proto


export interface AppTimer {
}

export interface AppTimer__Output {
}
