/**
 * A `JSON.stringify` for many scores in a row that writes each frozen object once. A recompute
 * shares frozen evidence items and activity scores between entities (an annotation's evidence,
 * an organisation or team attestation inherited by every component below), so most of a score's
 * detail is made of objects already written for another entity of the same batch: their text is
 * reused instead of being made again. The output is the same text `JSON.stringify` gives.
 *
 * Freezing is shallow: the text of a frozen object is kept for the writer's lifetime only, so
 * use one writer per batch written, while nothing changes the scores.
 */
export function sharedJsonWriter(): (value: unknown) => string {
  const written = new WeakMap<object, string>();
  const write = (value: unknown): string | undefined => {
    if (value === null || typeof value !== 'object') {
      return JSON.stringify(value);
    }
    const isArray = Array.isArray(value);
    const proto = Object.getPrototypeOf(value);
    if (!isArray && proto !== Object.prototype && proto !== null) {
      return JSON.stringify(value); // Date and the like: their own toJSON
    }
    const frozen = Object.isFrozen(value);
    if (frozen) {
      const text = written.get(value);
      if (text !== undefined) return text;
    }
    let text: string;
    if (isArray) {
      const parts: string[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) {
        parts[i] = write(value[i]) ?? 'null';
      }
      text = `[${parts.join(',')}]`;
    } else {
      const record = value as Record<string, unknown>;
      if (typeof record.toJSON === 'function') {
        return JSON.stringify(value);
      }
      const parts: string[] = [];
      for (const key of Object.keys(record)) {
        const item = write(record[key]);
        if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
      }
      text = `{${parts.join(',')}}`;
    }
    if (frozen) written.set(value, text);
    return text;
  };
  return value => write(value) ?? 'null';
}
