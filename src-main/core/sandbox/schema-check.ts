// A small JSON-Schema check for the sandbox contract test: types, required fields, nested objects,
// array items, $ref and anyOf — the parts the OpenAPI response schemas use. Returns every problem
// with its JSON path, so a failing test says exactly which field is off.

export interface Schema {
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  required?: string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  $ref?: string;
}

function typeOk(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'string':
    case 'boolean':
      return typeof value === type;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return !!value && typeof value === 'object' && !Array.isArray(value);
    case 'null':
      return value === null;
    default:
      return true;
  }
}

/**
 * Problems of `value` against `schema`. A `null` counts as a problem only for a required field that is
 * not nullable: Basecamp sends null for many optional fields the document does not mark nullable.
 */
export function checkSchema(
  value: unknown,
  schema: Schema,
  schemas: Record<string, Schema>,
  path = '$',
  maxItems = 5,
): string[] {
  if (schema.$ref) {
    const target = schemas[schema.$ref];
    if (!target) return [`${path}: unknown schema ${schema.$ref}`];
    if (value === null && schema.nullable) return [];
    return checkSchema(value, target, schemas, path, maxItems);
  }
  if (schema.anyOf) {
    const fits = schema.anyOf.some(
      (option) => checkSchema(value, option, schemas, path, maxItems).length === 0,
    );
    return fits ? [] : [`${path}: matches none of the anyOf options`];
  }
  if (value === null && (schema.nullable || (Array.isArray(schema.type) && schema.type.includes('null'))))
    return [];
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length && !types.some((type) => typeOk(value, type)))
    return [
      `${path}: expected ${types.join(' or ')}, got ${value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value}`,
    ];
  if (schema.enum && !schema.enum.includes(value))
    return [`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`];
  const problems: string[] = [];
  if (Array.isArray(value) && schema.items) {
    value
      .slice(0, maxItems)
      .forEach((item, index) =>
        problems.push(...checkSchema(item, schema.items!, schemas, `${path}[${index}]`, maxItems)),
      );
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? [])
      if (record[key] === undefined) problems.push(`${path}.${key}: required, missing`);
    for (const [key, propSchema] of Object.entries(schema.properties ?? {})) {
      const field = record[key];
      if (field === undefined) continue;
      if (field === null && !(schema.required ?? []).includes(key)) continue;
      problems.push(...checkSchema(field, propSchema, schemas, `${path}.${key}`, maxItems));
    }
  }
  return problems;
}
