import { lazy, type ComponentType } from 'react';

/** A page loaded with its route, from a module's named export; render it under a Suspense (the layout has one). */
export function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}
