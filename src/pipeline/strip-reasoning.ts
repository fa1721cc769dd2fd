/** `<think>` and `<thinking>` blocks, as reasoning models (DeepSeek-R1, Qwen3, QwQ) write them into the answer. */
const CLOSED_BLOCK = /<(think|thinking)>[\s\S]*?<\/\1>/giu;
/** A closing tag whose opening tag was in the prompt (chat templates that open `<think>` for the model). */
const LEADING_CLOSE = /^[\s\S]*?<\/(think|thinking)>/iu;
/** An opening tag never closed: the model ran out of tokens while thinking, so no answer follows it. */
const UNCLOSED_OPEN = /<(think|thinking)>[\s\S]*$/iu;

/**
 * The answer without its reasoning, before parsing. Servers that split reasoning off (vLLM's `reasoning_content`,
 * llama-server's `reasoning`, Ollama's `thinking`) send the answer clean; this catches the rest, where it sits in the text.
 */
export function stripReasoning(text: string): string {
  let answer = text.replace(CLOSED_BLOCK, '');
  answer = answer.replace(LEADING_CLOSE, '');
  answer = answer.replace(UNCLOSED_OPEN, '');
  return answer === text ? text : answer.trim();
}
