// Original file: proto/constellate/v1/apps.proto


export interface AppStop {
}

export interface AppStop__Output {
}
