/**
 * The hall's three.js scene from the tour and its layout: floors, walls with doorways, a sign per room, and each
 * exhibit framed on its wall with its plaque. Images come from the library's file route (same origin, the session's
 * cookie), so a visitor sees only what the library lets them read.
 */
import * as THREE from 'three';
import { HALL, type HallLayout } from '../layout';
import type { RoomTheme, Tour } from '../queries';
import { articleTexture, captionTexture, floorTexture, signTexture } from './textures';

export const THEME_COLORS: Record<RoomTheme, { wall: string; sign: string; fg: string; accent: string }> = {
  red: { wall: '#9b2d24', sign: '#7f1d1d', fg: '#fff4d6', accent: '#f5c542' },
  gold: { wall: '#e8d9b0', sign: '#8a5a12', fg: '#fff8e6', accent: '#ffd666' },
  stone: { wall: '#c9c4ba', sign: '#4a4a4a', fg: '#ffffff', accent: '#e0c27a' },
  blue: { wall: '#35557d', sign: '#1f3550', fg: '#f0f5ff', accent: '#e6c36a' },
};

export interface SceneLabels {
  roomKicker: (position: number) => string;
  date: (e: { year: number; month: number | null }) => string;
  years: (y: { from: number; to: number } | null) => string;
}

export interface BuiltHall {
  scene: THREE.Scene;
  /** Meshes a tap or click can pick, with the exhibit they belong to. */
  pickables: THREE.Object3D[];
  /** Resolves when every image has loaded (or failed). */
  loaded: Promise<void>;
}

function plane(w: number, h: number, mat: THREE.Material): THREE.Mesh {
  return new THREE.Mesh(new THREE.PlaneGeometry(w, h), mat);
}

export function buildHall(tour: Tour, layout: HallLayout, labels: SceneLabels, onTexture: () => void): BuiltHall {
  const scene = new THREE.Scene();
  scene.background = new THREE.Color('#1d1a17');
  scene.add(new THREE.HemisphereLight(0xfff6e8, 0x5a4a3a, 2.2));
  scene.add(new THREE.AmbientLight(0xffffff, 0.6));
  const pickables: THREE.Object3D[] = [];
  const loads: Promise<void>[] = [];
  const W = HALL.width;
  const H = HALL.height;
  const floorTex = floorTexture();
  const ceilingMat = new THREE.MeshLambertMaterial({ color: '#efe9df' });
  const frameMat = new THREE.MeshLambertMaterial({ color: '#c9a227' });
  const loader = new THREE.TextureLoader();

  tour.rooms.forEach((room, i) => {
    const box = layout.rooms[i]!;
    const len = box.zStart - box.zEnd;
    const midZ = (box.zStart + box.zEnd) / 2;
    const colors = THEME_COLORS[room.theme];
    const tex = floorTex.clone();
    tex.repeat.set(W / 2, len / 2);
    tex.needsUpdate = true;
    const floor = plane(W, len, new THREE.MeshLambertMaterial({ map: tex }));
    floor.rotation.x = -Math.PI / 2;
    floor.position.set(0, 0, midZ);
    scene.add(floor);
    const ceiling = plane(W, len, ceilingMat);
    ceiling.rotation.x = Math.PI / 2;
    ceiling.position.set(0, H, midZ);
    scene.add(ceiling);
    const wallMat = new THREE.MeshLambertMaterial({ color: colors.wall });
    for (const side of [-1, 1]) {
      const wall = plane(len, H, wallMat);
      wall.rotation.y = side < 0 ? Math.PI / 2 : -Math.PI / 2;
      wall.position.set((side * W) / 2, H / 2, midZ);
      scene.add(wall);
      // A gold rail along the wall at picture height.
      const rail = new THREE.Mesh(new THREE.BoxGeometry(0.04, 0.05, len), frameMat);
      rail.position.set(side * (W / 2 - 0.02), 2.75, midZ);
      scene.add(rail);
    }
    const light = new THREE.PointLight(0xfff1d6, 6, 14, 1.2);
    light.position.set(0, H - 0.3, midZ);
    scene.add(light);
    const sign = plane(3.4, 0.64, new THREE.MeshBasicMaterial({ map: signTexture(labels.roomKicker(room.position), room.title, labels.years(room.years), { bg: colors.sign, fg: colors.fg, accent: colors.accent }) }));
    // Hung from the ceiling a few steps into the room, where one entering sees it ahead.
    sign.position.set(0, H - 0.75, box.zStart - Math.min(4.5, len / 2));
    scene.add(sign);

    for (const e of room.exhibits) {
      const place = layout.exhibits.get(e.id);
      if (!place) continue;
      const group = new THREE.Group();
      group.position.set(place.x, place.y, place.z);
      group.rotation.y = place.rotY;
      group.userData = { exhibitId: e.id };
      const picW = e.kind === 'image' ? 1.8 : 1.15;
      const picH = e.kind === 'image' ? 1.1 : 1.37;
      const frame = new THREE.Mesh(new THREE.BoxGeometry(picW + 0.14, picH + 0.14, 0.05), frameMat);
      frame.userData = { exhibitId: e.id };
      group.add(frame);
      const picMat = new THREE.MeshBasicMaterial({ color: '#ffffff' });
      const pic = plane(picW, picH, picMat);
      pic.position.z = 0.03;
      pic.userData = { exhibitId: e.id };
      group.add(pic);
      if (e.kind === 'image' && e.imageUrl) {
        loads.push(new Promise<void>((resolve) => {
          loader.load(e.imageUrl!, (t) => {
            t.colorSpace = THREE.SRGBColorSpace;
            const img = t.image as { width: number; height: number };
            // Keep the picture's proportions inside the frame.
            const aspect = img.width / Math.max(1, img.height);
            if (aspect > picW / picH) pic.scale.y = picW / aspect / picH;
            else pic.scale.x = (picH * aspect) / picW;
            picMat.map = t;
            picMat.needsUpdate = true;
            onTexture();
            resolve();
          }, undefined, () => resolve());
        }));
      } else {
        picMat.map = articleTexture(e.resourceTitle, e.excerpt || e.text, e.source);
      }
      const caption = plane(1.1, 0.52, new THREE.MeshBasicMaterial({ map: captionTexture(labels.date(e), e.title, e.text || e.excerpt) }));
      // Under the picture, so that a narrow (phone) view holds both.
      caption.position.set(0, -picH / 2 - 0.38, 0.02);
      caption.userData = { exhibitId: e.id };
      group.add(caption);
      pickables.push(frame, pic, caption);
      scene.add(group);
    }
  });

  // Partition walls with a doorway, and the hall's two end walls (solid).
  const endMat = new THREE.MeshLambertMaterial({ color: '#5b2a20', side: THREE.DoubleSide });
  const partitionMat = new THREE.MeshLambertMaterial({ color: '#6e3026' });
  const door = HALL.doorWidth;
  const doorH = 2.6;
  layout.partitions.forEach((z, i) => {
    if (i === 0 || i === layout.partitions.length - 1) {
      const wall = plane(W, H, endMat);
      wall.position.set(0, H / 2, z);
      scene.add(wall);
      return;
    }
    const sideW = (W - door) / 2;
    for (const s of [-1, 1]) {
      const seg = new THREE.Mesh(new THREE.BoxGeometry(sideW, H, 0.2), partitionMat);
      seg.position.set(s * (door / 2 + sideW / 2), H / 2, z);
      scene.add(seg);
    }
    const lintel = new THREE.Mesh(new THREE.BoxGeometry(door, H - doorH, 0.2), partitionMat);
    lintel.position.set(0, doorH + (H - doorH) / 2, z);
    scene.add(lintel);
  });

  return { scene, pickables, loaded: Promise.all(loads).then(() => undefined) };
}

/** Frees the GPU memory of everything in the scene. */
export function disposeScene(scene: THREE.Scene): void {
  scene.traverse((o) => {
    if (o instanceof THREE.Mesh) {
      o.geometry.dispose();
      const mats = Array.isArray(o.material) ? o.material : [o.material];
      for (const m of mats as THREE.Material[]) {
        const map = (m as THREE.MeshBasicMaterial).map;
        map?.dispose();
        m.dispose();
      }
    }
  });
}
