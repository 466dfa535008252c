import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { RedactedAudioFiles } from '../audio/redacted-audio-files.js';

/**
 * The redacted audio files, mounted at `/redacted-audio` outside every authenticated scope: the
 * AssemblyAI SDK's `redactedAudioFile()` fetches `redacted_audio_url` without a key, so the
 * unguessable name in the URL is the credential (api-spec §2.11).
 */
export async function redactedAudioRoutes(app: FastifyInstance, files: RedactedAudioFiles): Promise<void> {
  app.get<{ Params: { jobId: string; name: string } }>('/:jobId/:name', async (request, reply) => {
    const path = files.pathOf(request.params.jobId, request.params.name);
    const size = path === null ? null : await stat(path).then((info) => info.size, () => null);
    if (path === null || size === null) return reply.status(404).send({ error: 'Not found' });
    return reply
      .type(path.endsWith('.wav') ? 'audio/wav' : 'audio/mpeg')
      .header('content-length', size)
      .send(createReadStream(path));
  });
}
