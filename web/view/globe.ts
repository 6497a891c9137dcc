/**
 * The Cesium viewer, offline: the imagery is the Natural Earth II tile set that ships inside the
 * cesium package (Build/Cesium/Assets/Textures/NaturalEarthII, served by our server under cesium/),
 * the terrain is the bare WGS-84 ellipsoid, and every widget that would reach a service (base layer
 * picker, geocoder, Cesium ion imagery) is off. No account or token of a third party is used; the
 * page's Content-Security-Policy (src/view/server.ts) also refuses any other origin.
 */
import { buildModuleUrl, Color, ImageryLayer, Ion, TileMapServiceImageryProvider, Viewer } from "cesium";
import { LEAN_MAX_SCREEN_SPACE_ERROR, LEAN_RESOLUTION_SCALE, type RenderProfile } from "./render-profile.js";

export function createGlobe(container: HTMLElement, profile: RenderProfile): Viewer {
  // Nothing here asks Cesium ion for an asset; an empty token keeps its default-token banner away.
  Ion.defaultAccessToken = "";
  const viewer = new Viewer(container, {
    baseLayer: ImageryLayer.fromProviderAsync(
      TileMapServiceImageryProvider.fromUrl(buildModuleUrl("Assets/Textures/NaturalEarthII")),
    ),
    baseLayerPicker: false,
    geocoder: false,
    homeButton: false,
    sceneModePicker: false,
    navigationHelpButton: false,
    animation: false,
    timeline: false,
    fullscreenButton: false,
    infoBox: false,
    selectionIndicator: false,
    // Frames are rendered when the page asks (main.ts: the playhead moved, a sample or a selection
    // changed) or the camera moves: a paused or held globe costs nothing.
    requestRenderMode: true,
    maximumRenderTimeChange: Number.POSITIVE_INFINITY,
    // Translucency passes: extra full-screen work a software renderer pays per pixel; the links'
    // alpha is drawn by plain blending instead.
    orderIndependentTranslucency: !profile.lean,
    // No multisampling: 4x MSAA (Cesium's default) quadruples fragment work, which a software
    // renderer (SwiftShader, headless) pays in full; points and thin lines gain little from it.
    msaaSamples: 1,
    skyBox: false,
    skyAtmosphere: false,
  });
  // Atmosphere, fog, sky box, sun and moon off: they are per-pixel shaders that a software
  // renderer pays in full (headless SwiftShader at 800x450 measured ~800 ms per frame with them,
  // ~85 ms without, docs/view.md), and a data globe reads better on black.
  const scene = viewer.scene;
  scene.backgroundColor = Color.BLACK;
  if (scene.sun) scene.sun.show = false;
  if (scene.moon) scene.moon.show = false;
  scene.fog.enabled = false;
  scene.globe.showGroundAtmosphere = false;
  scene.globe.enableLighting = false;
  // Our own clock drives time; Cesium's only matters for lighting, which is off.
  viewer.clock.shouldAnimate = false;
  // Two full-screen passes per frame that this page never uses (docs/view.md, "Frame times"):
  // - depth picking copies the depth buffer into a pick texture every frame, for scene.pickPosition;
  //   the page picks objects (scene.pick), and Cesium's camera controls fall back to intersecting
  //   the globe with the pick ray, which on a bare ellipsoid is exact;
  // - without depth-testing against the globe's own tiles, Cesium clears depth after the globe and
  //   draws a "depth plane" (a ray-ellipsoid intersection per pixel) for the other primitives to test
  //   against. Testing against the tiles instead hides nothing more: they lie on or inside the
  //   ellipsoid (horizon.ts has the sag).
  scene.useDepthPicking = false;
  scene.globe.depthTestAgainstTerrain = true;
  if (profile.lean) {
    viewer.resolutionScale = LEAN_RESOLUTION_SCALE;
    scene.globe.maximumScreenSpaceError = LEAN_MAX_SCREEN_SPACE_ERROR;
    scene.logarithmicDepthBuffer = false;
    scene.postProcessStages.fxaa.enabled = false;
  }
  return viewer;
}
