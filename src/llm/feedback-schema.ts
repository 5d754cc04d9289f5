/** The feedback summary tool: one line for staff and a suggested category. */
import { z } from 'zod';

export const FEEDBACK_TOOL = 'summarize_feedback';

export const FEEDBACK_CATEGORIES = ['suggestion', 'complaint', 'help_request', 'hospitalization', 'other'] as const;

export const feedbackArgsSchema = z.object({
  summary: z.string().trim().min(2).max(80).describe('one-line summary for staff, Chinese, at most 40 characters'),
  category: z.enum(FEEDBACK_CATEGORIES).describe('suggested category'),
});
