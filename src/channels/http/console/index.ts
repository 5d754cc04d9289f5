/** Staff console routes (/console). Placeholder: the feedback issue implements it. */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';

/** Registers the console pages and their API on the HTTP server. */
export async function registerConsoleRoutes(_app: FastifyInstance, _services: Services): Promise<void> {}
