import { readFileSync } from 'node:fs';
import { TEST_KEY } from './hark.js';

export interface JsonResponse {
  status: number;
  body: Record<string, unknown>;
}

export async function postJson(url: string, body: unknown, key: string | null = TEST_KEY): Promise<JsonResponse> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function postForm(url: string, form: FormData, key: string = TEST_KEY): Promise<JsonResponse> {
  const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function getJson(url: string, key: string = TEST_KEY): Promise<JsonResponse> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface Generation {
  generation_id: string;
  status: string;
  result: Record<string, unknown> | null;
  error: { name: string; message: string } | null;
}

/** Polls `GET /v1/stt/{id}` until the status is terminal; returns the last body and every status seen. */
export async function waitForGeneration(
  baseUrl: string,
  id: string,
  { timeoutMs = 120_000, intervalMs = 50 } = {},
): Promise<{ generation: Generation; statuses: string[] }> {
  const statuses: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { status, body } = await getJson(`${baseUrl}/v1/stt/${id}`);
    if (status !== 200) throw new Error(`GET /v1/stt/${id} answered ${status}: ${JSON.stringify(body)}`);
    const generation = body as unknown as Generation;
    if (statuses.at(-1) !== generation.status) statuses.push(generation.status);
    if (generation.status !== 'waiting' && generation.status !== 'active') return { generation, statuses };
    if (Date.now() > deadline) throw new Error(`generation ${id} still ${generation.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Uploads a file to `POST /v1/stt/create` with model `aai/slam-1` and waits for the finished generation. */
export async function transcribeFile(baseUrl: string, path: string, name: string): Promise<Generation> {
  const form = new FormData();
  form.append('model', 'aai/slam-1');
  form.append('audio', new Blob([readFileSync(path)]), name);
  const created = await postForm(`${baseUrl}/v1/stt/create`, form);
  if (created.status !== 200) throw new Error(`POST /v1/stt/create answered ${created.status}: ${JSON.stringify(created.body)}`);
  return (await waitForGeneration(baseUrl, created.body.generation_id as string)).generation;
}
