/**
 * Pictures for the demo 党史展馆, drawn in code (no image files in the repo): simple scenes of the periods the
 * demo hall walks through. Each is marked in the library as a drawn illustration, not a historical photograph.
 */
import { paintPng } from './seed-library.js';

type Rgb = readonly [number, number, number];
const W = 480;
const H = 300;

const mix = (a: Rgb, b: Rgb, k: number): Rgb => [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
const sky = (y: number, top: Rgb, bottom: Rgb, horizon: number): Rgb => mix(top, bottom, Math.min(1, y / horizon));

/** Inside a five-pointed star centred at (cx, cy) with outer radius r, one point up (even-odd test on its outline). */
function inStar(x: number, y: number, cx: number, cy: number, r: number): boolean {
  const pts = Array.from({ length: 10 }, (_, i) => {
    const rad = i % 2 === 0 ? r : r * 0.382;
    const a = (i * Math.PI) / 5;
    return [cx + rad * Math.sin(a), cy - rad * Math.cos(a)] as const;
  });
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i]!;
    const [xj, yj] = pts[j]!;
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export interface DemoPicture { key: string; title: string; summary: string; fileName: string; png: () => Buffer }

export const EXHIBITION_PICTURES: readonly DemoPicture[] = [
  {
    key: 'redboat', title: '南湖红船（示意图）', fileName: '南湖红船示意图.png',
    summary: '1921年7月，中共一大在上海开幕，最后一天的会议转移到浙江嘉兴南湖的一条游船上举行。程序绘制的示意图。',
    png: () => paintPng(W, H, (x, y) => {
      const water = 190 + Math.sin(x / 18) * 3;
      if (y < water) {
        const base = sky(y, [150, 190, 225], [245, 232, 205], water);
        // Distant shore and a pavilion roof.
        if (y > water - 22 + Math.sin(x / 40) * 6) return [96, 132, 92];
        return base;
      }
      // The boat: a red hull and a dark cabin.
      const hullTop = 180;
      const inHull = y >= hullTop && y <= 205 && x > 150 + (y - hullTop) * 1.2 && x < 340 - (y - hullTop) * 1.2;
      if (inHull) return [178, 30, 32];
      const wave = (Math.sin(x / 9 + y / 3) + 1) / 2;
      return mix([40, 92, 140], [70, 130, 175], wave * ((y - water) / (H - water)));
    }),
  },
  {
    key: 'longmarch', title: '万水千山（示意图）', fileName: '长征示意图.png',
    summary: '1934年至1936年，红军长征跨越万水千山。程序绘制的示意图：群山与红旗。',
    png: () => paintPng(W, H, (x, y) => {
      const far = 150 + Math.sin(x / 45) * 30 + Math.sin(x / 13) * 6;
      const near = 210 + Math.sin(x / 70 + 1) * 35 + Math.sin(x / 17) * 5;
      // The flag on the near ridge.
      if (x >= 300 && x <= 303 && y >= 118 && y <= 190) return [60, 40, 30];
      if (x > 303 && x < 345 && y > 118 && y < 146 - (x - 303) * 0.12) return [205, 24, 30];
      if (y > near) return mix([52, 82, 52], [30, 52, 36], (y - near) / 80);
      if (y > far) return mix([110, 128, 120], [86, 108, 96], (y - far) / 100);
      return sky(y, [238, 150, 90], [250, 215, 160], far);
    }),
  },
  {
    key: 'founding', title: '开国大典（示意图）', fileName: '开国大典示意图.png',
    summary: '1949年10月1日，中华人民共和国中央人民政府成立典礼在北京天安门广场举行。程序绘制的示意图：红底金星与光芒。',
    png: () => paintPng(W, H, (x, y) => {
      if (inStar(x, y, 120, 110, 62)) return [255, 214, 0];
      for (const [cx, cy, a] of [[215, 50, 0], [245, 85, 0], [245, 130, 0], [215, 165, 0]] as const) if (inStar(x, y, cx, cy, 20 + a)) return [255, 214, 0];
      const rays = (Math.sin(Math.atan2(y - 110, x - 120) * 24) + 1) / 2;
      return mix([200, 20, 28], [222, 48, 40], rays * 0.6);
    }),
  },
  {
    key: 'daqing', title: '大庆油田会战（示意图）', fileName: '大庆油田示意图.png',
    summary: '20世纪60年代初的大庆石油会战，铁人王进喜和石油工人在荒原上拿下大油田。程序绘制的示意图：井架与落日。',
    png: () => paintPng(W, H, (x, y) => {
      const ground = 235;
      const sunD = Math.hypot(x - 360, y - 170);
      // The derrick: two legs, cross-bracing and a crown.
      const legL = Math.abs(x - (170 + (ground - y) * 0.22)) < 3;
      const legR = Math.abs(x - (250 - (ground - y) * 0.22)) < 3;
      const inFrame = y > 60 && y < ground;
      const brace = inFrame && x > 170 + (ground - y) * 0.22 && x < 250 - (ground - y) * 0.22 && (Math.abs(((y - 60) % 35) - 17) < 2 || Math.abs(((x + y) % 40) - 20) < 1.5);
      if (inFrame && (legL || legR || brace)) return [28, 24, 22];
      if (y > 50 && y <= 62 && x > 195 && x < 225) return [28, 24, 22];
      if (y >= ground) return mix([96, 78, 52], [70, 56, 38], (y - ground) / 65);
      if (sunD < 34) return [255, 196, 90];
      return sky(y, [120, 60, 90], [250, 150, 70], ground);
    }),
  },
  {
    key: 'reform', title: '春天的故事（示意图）', fileName: '改革开放示意图.png',
    summary: '1980年8月，深圳经济特区设立，改革开放的春风吹遍神州。程序绘制的示意图：朝阳与城市天际线。',
    png: () => paintPng(W, H, (x, y) => {
      const towers = [[30, 150, 60], [100, 110, 45], [160, 170, 50], [225, 80, 40], [280, 140, 55], [350, 100, 45], [410, 160, 55]] as const;
      for (const [x0, top, w] of towers) {
        if (x >= x0 && x < x0 + w && y >= top) {
          const window = (x - x0) % 10 > 3 && (y - top) % 14 > 5 && (x * 7 + y * 3) % 5 !== 0;
          return window ? [255, 226, 150] : [62, 80, 110];
        }
      }
      if (Math.hypot(x - 300, y - 120) < 40) return [255, 120, 60];
      return sky(y, [255, 190, 140], [255, 236, 200], 280);
    }),
  },
  {
    key: 'centenary', title: '百年华诞（示意图）', fileName: '建党百年示意图.png',
    summary: '2021年7月1日，庆祝中国共产党成立100周年大会在北京天安门广场隆重举行。程序绘制的示意图：夜空礼花。',
    png: () => paintPng(W, H, (x, y) => {
      for (const [cx, cy, r, c] of [[120, 100, 70, [255, 210, 60]], [300, 80, 60, [255, 90, 80]], [390, 170, 50, [255, 230, 140]], [220, 180, 45, [255, 140, 60]]] as const) {
        const d = Math.hypot(x - cx, y - cy);
        const a = Math.atan2(y - cy, x - cx);
        if (d < r && d > 6 && Math.abs(Math.sin(a * 18)) < 0.16 * (1 - d / r) + 0.04) return mix(c, [40, 30, 80], d / r * 0.7);
      }
      if (y > 262) return [150, 24, 30];
      return sky(y, [14, 18, 52], [48, 36, 92], 262);
    }),
  },
];
