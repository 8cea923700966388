/**
 * The 3D hall (three.js, its own lazy chunk): walk with the keyboard (W/S or ↑/↓ forward and back, A/D or ←/→ turn),
 * look around by dragging with the mouse or a finger, hold the on-screen arrows on a phone, tap an exhibit or use
 * 上一件/下一件 to step to it; 'Enter VR' through WebXR when the browser has an immersive-vr device (thumbstick to
 * walk). Frames are drawn only while something moves, so an idle hall costs nothing.
 */
import { ArrowDownOutlined, ArrowLeftOutlined, ArrowRightOutlined, ArrowUpOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import * as THREE from 'three';
import { usePreferences } from '../../app/preferences';
import { clampMove, HALL, hallLayout, roomAt, type Pose } from './layout';
import { dateLabel, yearsLabel, type Tour } from './queries';
import { buildHall, disposeScene } from './scene/build';

export interface HallSceneHandle {
  /** Walk to where one looks at this exhibit. */
  goTo(exhibitId: string): void;
}

type Held = 'forward' | 'back' | 'left' | 'right';
const KEYS: Record<string, Held> = { KeyW: 'forward', ArrowUp: 'forward', KeyS: 'back', ArrowDown: 'back', KeyA: 'left', ArrowLeft: 'left', KeyD: 'right', ArrowRight: 'right' };
const SPEED = 2.2;
const TURN = 1.7;

interface Props {
  tour: Tour;
  ref?: Ref<HallSceneHandle>;
  /** The exhibit the visitor stepped to (or null when they walked off). */
  onFocus: (exhibitId: string | null) => void;
}

export function HallScene({ tour, ref, onFocus }: Props) {
  const { t, locale } = usePreferences();
  const host = useRef<HTMLDivElement>(null);
  const api = useRef<{ goTo: (id: string) => void; hold: (h: Held, on: boolean) => void; step: (d: 1 | -1) => void; enterVr: () => void } | null>(null);
  const [state, setState] = useState<'loading' | 'ready'>('loading');
  const [vr, setVr] = useState(false);
  const [room, setRoom] = useState(0);
  const onFocusRef = useRef(onFocus);
  onFocusRef.current = onFocus;

  useImperativeHandle(ref, () => ({ goTo: (id) => api.current?.goTo(id) }), []);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const layout = hallLayout(tour.rooms);
    const order = tour.rooms.flatMap((r) => r.exhibits.map((e) => e.id));
    const renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
    renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
    renderer.outputColorSpace = THREE.SRGBColorSpace;
    renderer.xr.enabled = true;
    renderer.xr.setReferenceSpaceType('local-floor');
    el.appendChild(renderer.domElement);
    renderer.domElement.style.touchAction = 'none';
    renderer.domElement.setAttribute('aria-hidden', 'true');

    let dirty = true;
    const built = buildHall(tour, layout, {
      roomKicker: (n) => t('exh.room.kicker', { n }),
      date: (e) => dateLabel(e, locale),
      years: yearsLabel,
    }, () => { dirty = true; });
    const { scene } = built;
    const camera = new THREE.PerspectiveCamera(70, 1, 0.05, 200);
    camera.position.set(0, HALL.eyeHeight, 0);
    const rig = new THREE.Group();
    rig.add(camera);
    scene.add(rig);

    const pose: Pose = { ...layout.start };
    let pitch = 0;
    let glide: { from: Pose; to: Pose; t0: number } | null = null;
    let focused: string | null = null;
    const held = new Set<Held>();
    const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

    const place = () => {
      rig.position.set(pose.x, 0, pose.z);
      rig.rotation.y = pose.yaw;
      camera.rotation.x = renderer.xr.isPresenting ? 0 : pitch;
    };
    const resize = () => {
      const w = el.clientWidth || 1;
      const h = el.clientHeight || 1;
      renderer.setSize(w, h);
      camera.aspect = w / h;
      camera.fov = w < h ? 80 : 70;
      camera.updateProjectionMatrix();
      dirty = true;
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);

    const setFocus = (id: string | null) => {
      if (focused === id) return;
      focused = id;
      onFocusRef.current(id);
    };
    const goTo = (id: string) => {
      const p = layout.exhibits.get(id);
      if (!p) return;
      // Look slightly down, at the picture and its plaque together.
      pitch = -0.12;
      glide = reduceMotion ? null : { from: { ...pose }, to: p.view, t0: performance.now() };
      if (reduceMotion) Object.assign(pose, p.view);
      setFocus(id);
      dirty = true;
    };
    const step = (d: 1 | -1) => {
      const i = focused ? order.indexOf(focused) : -1;
      const next = order[Math.max(0, Math.min(order.length - 1, i < 0 ? (d > 0 ? 0 : order.length - 1) : i + d))];
      if (next) goTo(next);
    };
    const hold = (h: Held, on: boolean) => {
      if (on) held.add(h);
      else held.delete(h);
      glide = null;
      dirty = true;
    };

    // Keyboard on the focused hall only, so typing elsewhere never walks.
    const keydown = (e: KeyboardEvent) => {
      const h = KEYS[e.code];
      if (!h) return;
      e.preventDefault();
      hold(h, true);
    };
    const keyup = (e: KeyboardEvent) => { const h = KEYS[e.code]; if (h) hold(h, false); };
    el.addEventListener('keydown', keydown);
    el.addEventListener('keyup', keyup);
    el.addEventListener('blur', () => { held.clear(); });

    // Drag to look; a tap (no drag) on an exhibit steps to it.
    const canvas = renderer.domElement;
    let drag: { x: number; y: number; moved: number; id: number } | null = null;
    const raycaster = new THREE.Raycaster();
    const down = (e: PointerEvent) => {
      drag = { x: e.clientX, y: e.clientY, moved: 0, id: e.pointerId };
      canvas.setPointerCapture(e.pointerId);
    };
    const move = (e: PointerEvent) => {
      if (!drag || drag.id !== e.pointerId) return;
      const dx = e.clientX - drag.x;
      const dy = e.clientY - drag.y;
      drag.moved += Math.abs(dx) + Math.abs(dy);
      drag.x = e.clientX;
      drag.y = e.clientY;
      pose.yaw += dx * 0.005;
      pitch = Math.max(-0.6, Math.min(0.6, pitch + dy * 0.004));
      glide = null;
      dirty = true;
    };
    const up = (e: PointerEvent) => {
      if (!drag || drag.id !== e.pointerId) return;
      if (drag.moved < 6) {
        const r = canvas.getBoundingClientRect();
        raycaster.setFromCamera(new THREE.Vector2(((e.clientX - r.left) / r.width) * 2 - 1, -((e.clientY - r.top) / r.height) * 2 + 1), camera);
        const hit = raycaster.intersectObjects(built.pickables, false)[0];
        const id = hit?.object.userData.exhibitId as string | undefined;
        if (id) goTo(id);
      }
      drag = null;
    };
    canvas.addEventListener('pointerdown', down);
    canvas.addEventListener('pointermove', move);
    canvas.addEventListener('pointerup', up);
    canvas.addEventListener('pointercancel', () => { drag = null; });

    let last = performance.now();
    let lastRoom = -1;
    let firstFrame = false;
    renderer.setAnimationLoop((now) => {
      const dt = Math.min(0.1, (now - last) / 1000);
      last = now;
      let moving = false;
      if (glide) {
        const k = Math.min(1, (now - glide.t0) / 700);
        const ease = k * (2 - k);
        const dyaw = Math.atan2(Math.sin(glide.to.yaw - glide.from.yaw), Math.cos(glide.to.yaw - glide.from.yaw));
        pose.x = glide.from.x + (glide.to.x - glide.from.x) * ease;
        pose.z = glide.from.z + (glide.to.z - glide.from.z) * ease;
        pose.yaw = glide.from.yaw + dyaw * ease;
        if (k >= 1) glide = null;
        moving = true;
      }
      let forward = (held.has('forward') ? 1 : 0) - (held.has('back') ? 1 : 0);
      let turn = (held.has('left') ? 1 : 0) - (held.has('right') ? 1 : 0);
      const session = renderer.xr.getSession();
      if (session) {
        for (const source of session.inputSources) {
          const axes = source.gamepad?.axes;
          if (!axes || axes.length < 4) continue;
          if (Math.abs(axes[3]!) > 0.2) forward -= axes[3]!;
          if (Math.abs(axes[2]!) > 0.2) turn -= axes[2]!;
        }
      }
      if (forward || turn) {
        pose.yaw += turn * TURN * dt;
        const dist = forward * SPEED * dt;
        const to = { x: pose.x - Math.sin(pose.yaw) * dist, z: pose.z - Math.cos(pose.yaw) * dist };
        Object.assign(pose, clampMove(layout, pose, to));
        if (forward) setFocus(null);
        moving = true;
      }
      const r = roomAt(layout, pose.z);
      if (r !== lastRoom && r >= 0) {
        lastRoom = r;
        setRoom(r);
      }
      if (!(moving || dirty || renderer.xr.isPresenting)) return;
      dirty = false;
      place();
      renderer.render(scene, camera);
      if (!firstFrame) {
        firstFrame = true;
        void built.loaded.then(() => { dirty = true; requestAnimationFrame(() => setState('ready')); });
      }
    });

    const enterVr = () => {
      const xr = navigator.xr;
      if (!xr) return;
      void xr.requestSession('immersive-vr', { optionalFeatures: ['local-floor'] }).then((s) => renderer.xr.setSession(s));
    };
    void navigator.xr?.isSessionSupported('immersive-vr').then(setVr, () => setVr(false));
    api.current = { goTo, hold, step, enterVr };

    return () => {
      api.current = null;
      observer.disconnect();
      void renderer.xr.getSession()?.end();
      renderer.setAnimationLoop(null);
      disposeScene(scene);
      renderer.dispose();
      canvas.remove();
    };
  }, [tour, t, locale]);

  const holdButton = (h: Held, icon: React.ReactNode, label: string) => (
    <Button shape="circle" size="large" icon={icon} aria-label={label} data-testid={`hall-move-${h}`}
      onPointerDown={(e) => { e.preventDefault(); api.current?.hold(h, true); }}
      onPointerUp={() => api.current?.hold(h, false)} onPointerLeave={() => api.current?.hold(h, false)} onPointerCancel={() => api.current?.hold(h, false)}
      onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') api.current?.hold(h, true); }} onKeyUp={() => api.current?.hold(h, false)} />
  );
  const current = tour.rooms[room];
  return (
    <div className="zg-hall" data-testid="hall-3d">
      <div ref={host} className="zg-hall-canvas" tabIndex={0} role="application" aria-label={t('exh.scene.label')} data-testid="hall-canvas" data-state={state} />
      {current && (
        <div className="zg-hall-room" data-testid="hall-room" aria-live="polite">
          {t('exh.room.kicker', { n: current.position })} · {current.title}
        </div>
      )}
      <Flex className="zg-hall-controls" justify="space-between" align="flex-end" gap={8}>
        <Flex gap={6}>
          <Button icon={<LeftOutlined />} onClick={() => api.current?.step(-1)} data-testid="hall-prev">{t('exh.scene.prev')}</Button>
          <Button icon={<RightOutlined />} iconPlacement="end" onClick={() => api.current?.step(1)} data-testid="hall-next">{t('exh.scene.next')}</Button>
        </Flex>
        <div className="zg-hall-pad">
          <span />{holdButton('forward', <ArrowUpOutlined />, t('exh.scene.forward'))}<span />
          {holdButton('left', <ArrowLeftOutlined />, t('exh.scene.left'))}{holdButton('back', <ArrowDownOutlined />, t('exh.scene.back'))}{holdButton('right', <ArrowRightOutlined />, t('exh.scene.right'))}
        </div>
      </Flex>
      <Flex className="zg-hall-top" justify="space-between" align="center" gap={8}>
        <Typography.Text className="zg-hall-hint">{t('exh.scene.hint')}</Typography.Text>
        {vr && <Button type="primary" onClick={() => api.current?.enterVr()} data-testid="hall-enter-vr">{t('exh.scene.enterVr')}</Button>}
      </Flex>
    </div>
  );
}
