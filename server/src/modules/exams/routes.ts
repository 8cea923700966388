/** HTTP of the question bank and exams (issue 6). */
import type { App } from '../../platform/http/app.js';
import { questionRoutes } from './question-routes.js';
import { examRoutes } from './exam-routes.js';
import { attemptRoutes } from './attempt-routes.js';

export async function examsModuleRoutes(app: App): Promise<void> {
  await questionRoutes(app);
  await examRoutes(app);
  await attemptRoutes(app);
}
