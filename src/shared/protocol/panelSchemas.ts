/**
 * zod schemas of the messages every panel webview may send (panelProtocol.ts). The host
 * validates with them; webview bundles never import this file (it would pull zod in).
 */
import { z } from 'zod';
import { exportFormats, type FigureFile, type ViewReadyParams } from './panelProtocol';

/** Largest file a webview may hand over (base64 PNGs of big figures stay far below this). */
export const maxFigureFileChars = 64 * 1024 * 1024;

export const figureFileSchema: z.ZodType<FigureFile> = z.object({
  format: z.enum(exportFormats),
  fileName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\:*?"<>|\p{Cc}]+$/u, 'a file name without folders or reserved characters'),
  encoding: z.enum(['base64', 'utf8']),
  data: z.string().max(maxFigureFileChars),
});

export const viewReadyParamsSchema: z.ZodType<ViewReadyParams> = z.object({}).strict();

/** Schemas of the common webview → host requests; spread them into a view's schema table. */
export const commonRequestSchemas = {
  'view/ready': viewReadyParamsSchema,
  'figure/export': figureFileSchema,
};

/** Schemas of the results webviews return for the common host → webview requests. */
export const commonResultSchemas = {
  'figure/render': figureFileSchema,
};
