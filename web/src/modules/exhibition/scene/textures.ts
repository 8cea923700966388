/** Text drawn on canvases for the 3D hall: room signs, captions and article panels (three.js textures). */
import * as THREE from 'three';

const FONT = '"WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';

/** Lines of at most `width` pixels: Chinese breaks anywhere, Latin words stay whole where they can. */
export function wrapText(ctx: CanvasRenderingContext2D, text: string, width: number, maxLines: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\n+/)) {
    let line = '';
    const tokens = para.match(/[A-Za-z0-9'’.,;:!?()-]+\s*|\s+|./gu) ?? [];
    for (const tok of tokens) {
      if (ctx.measureText(line + tok).width > width && line) {
        lines.push(line.trimEnd());
        line = tok.trimStart();
      } else line += tok;
      if (lines.length >= maxLines) break;
    }
    if (lines.length >= maxLines) break;
    if (line) lines.push(line.trimEnd());
  }
  if (lines.length > maxLines) lines.length = maxLines;
  const joined = lines.join('');
  if (joined.replace(/\s/g, '').length < text.replace(/\s/g, '').length && lines.length) {
    const last = lines[lines.length - 1]!;
    lines[lines.length - 1] = `${last.slice(0, Math.max(0, last.length - 1))}…`;
  }
  return lines;
}

function canvasTexture(w: number, h: number, draw: (ctx: CanvasRenderingContext2D) => void): THREE.CanvasTexture {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  draw(ctx);
  const tex = new THREE.CanvasTexture(canvas);
  tex.colorSpace = THREE.SRGBColorSpace;
  tex.anisotropy = 4;
  return tex;
}

/** A room's sign: its number and title, and the years it covers. */
export function signTexture(kicker: string, title: string, years: string, colors: { bg: string; fg: string; accent: string }): THREE.CanvasTexture {
  return canvasTexture(1024, 192, (ctx) => {
    ctx.fillStyle = colors.bg;
    ctx.fillRect(0, 0, 1024, 192);
    ctx.strokeStyle = colors.accent;
    ctx.lineWidth = 8;
    ctx.strokeRect(10, 10, 1004, 172);
    ctx.fillStyle = colors.accent;
    ctx.font = `32px ${FONT}`;
    ctx.textAlign = 'center';
    ctx.fillText(`${kicker}${years ? ` · ${years}` : ''}`, 512, 62);
    ctx.fillStyle = colors.fg;
    ctx.font = `bold 68px ${FONT}`;
    ctx.fillText(title, 512, 148, 960);
  });
}

/** The plaque under an exhibit: its date, title and a few lines of text. */
export function captionTexture(date: string, title: string, text: string): THREE.CanvasTexture {
  return canvasTexture(640, 300, (ctx) => {
    ctx.fillStyle = '#f7f1e3';
    ctx.fillRect(0, 0, 640, 300);
    ctx.fillStyle = '#b71c1c';
    ctx.font = `bold 34px ${FONT}`;
    ctx.fillText(date, 28, 52);
    ctx.fillStyle = '#222';
    ctx.font = `bold 38px ${FONT}`;
    ctx.fillText(title, 28, 104, 590);
    ctx.fillStyle = '#444';
    ctx.font = `26px ${FONT}`;
    wrapText(ctx, text, 584, 5).forEach((line, i) => ctx.fillText(line, 28, 150 + i * 34));
  });
}

/** An article hung as a panel: its title and the opening passage. */
export function articleTexture(title: string, body: string, source: string): THREE.CanvasTexture {
  return canvasTexture(640, 760, (ctx) => {
    ctx.fillStyle = '#fffdf6';
    ctx.fillRect(0, 0, 640, 760);
    ctx.fillStyle = '#b71c1c';
    ctx.fillRect(0, 0, 640, 14);
    ctx.fillStyle = '#222';
    ctx.font = `bold 40px ${FONT}`;
    wrapText(ctx, title, 580, 2).forEach((line, i) => ctx.fillText(line, 30, 76 + i * 50));
    ctx.fillStyle = '#333';
    ctx.font = `28px ${FONT}`;
    wrapText(ctx, body, 580, 15).forEach((line, i) => ctx.fillText(line, 30, 190 + i * 38));
    ctx.fillStyle = '#888';
    ctx.font = `22px ${FONT}`;
    ctx.fillText(source, 30, 736, 580);
  });
}

/** Floor boards, so that walking is seen as moving. */
export function floorTexture(): THREE.CanvasTexture {
  const tex = canvasTexture(256, 256, (ctx) => {
    for (let i = 0; i < 8; i++) {
      ctx.fillStyle = i % 2 ? '#8a6440' : '#94704a';
      ctx.fillRect(0, i * 32, 256, 32);
      ctx.fillStyle = 'rgba(0,0,0,0.18)';
      ctx.fillRect(0, i * 32, 256, 2);
      ctx.fillRect(((i * 97) % 256), i * 32, 2, 32);
    }
  });
  tex.wrapS = THREE.RepeatWrapping;
  tex.wrapT = THREE.RepeatWrapping;
  return tex;
}
