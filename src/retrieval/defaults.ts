/** The ranking method the assistant uses for answers (chosen by the dev-set figures, docs/retrieval.md). */
import type { SearchMethod } from './search-index.js';

export const DEFAULT_METHOD_FOR_ANSWERS: SearchMethod = 'rerank';
