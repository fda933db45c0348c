// Row ids are UUIDs: anything else in a URL or a request is "not found"
// before it reaches the database (which would refuse it with an error).
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (id: string): boolean => uuid.test(id);
