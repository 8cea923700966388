import type { App } from '../../platform/http/app.js';

// Placeholder registered in routes.ts; the module's routes go here.
export async function peopleRoutes(_app: App): Promise<void> {}
