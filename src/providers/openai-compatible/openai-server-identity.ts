import { createHash } from 'node:crypto';
import type { IdentityFact, ServerIdentity } from '../identity/checkpoint-identity';

/** llama-server's `meta` of /v1/models: properties of the loaded GGUF (n_ctx, the slot's context, is a setting, not the weights). */
const LLAMA_CPP_META = ['vocab_type', 'n_vocab', 'n_ctx_train', 'n_embd', 'n_params', 'size', 'ftype'] as const;
/** vLLM's ModelCard: `root` is the weights' path or hub id, `parent` the base of a LoRA adapter. */
const VLLM_FIELDS = ['root', 'parent', 'max_model_len'] as const;
/** Who hosted OpenAI says owns a model. */
const OPENAI_OWNERS = new Set(['openai', 'system', 'openai-internal']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fact(value: unknown): IdentityFact | undefined {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null ? value : undefined;
}

function pick(source: Record<string, unknown>, fields: readonly string[], prefix = ''): Record<string, IdentityFact> {
  const facts: Record<string, IdentityFact> = {};
  for (const field of fields) {
    const value = fact(source[field]);
    if (value !== undefined) facts[prefix + field] = value;
  }
  return facts;
}

/**
 * The stable facts of a /v1/models entry, by server kind. `created` is never one: vLLM and llama-server put the time
 * of the request in it (vLLM's `permission` holds a fresh random id too).
 */
export function openAIServerIdentity(entry: Record<string, unknown>, endpoint: string): ServerIdentity {
  const id = typeof entry['id'] === 'string' ? entry['id'] : '';
  const meta = entry['meta'];
  if (isRecord(meta) || entry['owned_by'] === 'llamacpp') {
    const facts = { id, ...(isRecord(meta) ? pick(meta, LLAMA_CPP_META, 'meta.') : {}) };
    return { server: 'llama.cpp', facts, strength: Object.keys(facts).length > 1 ? 'metadata' : 'name-only' };
  }
  if (entry['owned_by'] === 'vllm' || 'max_model_len' in entry || 'root' in entry) {
    return { server: 'vllm', facts: { id, ...pick(entry, VLLM_FIELDS) }, strength: 'metadata' };
  }
  const owner = fact(entry['owned_by']);
  if (isHostedOpenAI(endpoint) || (typeof owner === 'string' && OPENAI_OWNERS.has(owner))) {
    return { server: 'openai', facts: { id, ...(owner === undefined ? {} : { owned_by: owner }) }, strength: 'name-only' };
  }
  // LM Studio, TGI and others: an id (and an owner that says nothing about the weights)
  return { server: 'openai-compatible', facts: { id }, strength: 'name-only' };
}

/** /props of llama-server (at the server's root): the GGUF path and the chat template that renders every prompt. */
export function llamaCppPropsFacts(props: Record<string, unknown>): Record<string, IdentityFact> {
  const facts: Record<string, IdentityFact> = {};
  const path = fact(props['model_path']);
  if (typeof path === 'string') facts['props.model_path'] = path;
  const template = props['chat_template'];
  if (typeof template === 'string') facts['props.chat_template_sha256'] = createHash('sha256').update(template).digest('hex');
  return facts;
}

function isHostedOpenAI(endpoint: string): boolean {
  try {
    return new URL(endpoint).hostname === 'api.openai.com';
  } catch {
    return false;
  }
}
