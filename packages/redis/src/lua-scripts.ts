// The server-side scripts: every store operation is one of these, run atomically in one round trip.
// Values travel only as KEYS/ARGV, never inside the script text. Scripts report outcomes as status
// strings (never errors carrying a value), and do every read and check before their first write, so a
// refused save writes nothing. The `#!lua` line makes Redis 7 refuse a writing script up front when it
// is out of memory, instead of failing half-way.
//
// Layout (see keys.ts): KEYS[1] the id set, KEYS[2] the token key prefix, KEYS[3..6] the unique indexes
// (user_name, access_token, refresh_token, grant_token), each a hash of value -> id.

export interface LuaScript {
  readonly name: string;
  readonly source: string;
}

/**
 * Upsert by identity. ARGV: 1 mode ('id' or 'index'), 2 index number (1-4) for 'index', 3 identity value,
 * 4 client id a grant/refresh identity requires ('' for none), 5 id for an insert, 6 '1' when the token
 * carries a credential, 7-10 the unique column names, 11... column/value pairs to write.
 * Returns {'ok', <stored hash>}, {'conflict', column}, {'no_credential'} or {'id_taken'}.
 */
export const SAVE: LuaScript = {
  name: 'save',
  source: `#!lua
local mode, slot, value, client, candidate = ARGV[1], tonumber(ARGV[2]), ARGV[3], ARGV[4], ARGV[5]
local columns = {ARGV[7], ARGV[8], ARGV[9], ARGV[10]}

local id = false
if mode == 'id' then
  if redis.call('EXISTS', KEYS[2] .. value) == 1 then id = value end
else
  local found = redis.call('HGET', KEYS[2 + slot], value)
  -- identity.ts matchesIdentity: a grant/refresh identity only matches a token of the same client.
  if found and (client == '' or redis.call('HGET', KEYS[2] .. found, 'client_id') == client) then
    id = found
  end
end

local existing = {}
if id then
  local flat = redis.call('HGETALL', KEYS[2] .. id)
  for i = 1, #flat, 2 do existing[flat[i]] = flat[i + 1] end
else
  if ARGV[6] ~= '1' then return {'no_credential'} end
  id = candidate
  if redis.call('SISMEMBER', KEYS[1], id) == 1 or redis.call('EXISTS', KEYS[2] .. id) == 1 then
    return {'id_taken'}
  end
end

local incoming = {}
for i = 11, #ARGV, 2 do incoming[ARGV[i]] = ARGV[i + 1] end

for i = 1, 4 do
  local merged = incoming[columns[i]] or existing[columns[i]]
  if merged then
    local holder = redis.call('HGET', KEYS[2 + i], merged)
    if holder and holder ~= id then return {'conflict', columns[i]} end
  end
end

for i = 1, 4 do
  local new, old = incoming[columns[i]], existing[columns[i]]
  if new and old and new ~= old and redis.call('HGET', KEYS[2 + i], old) == id then
    redis.call('HDEL', KEYS[2 + i], old)
  end
  if new then redis.call('HSET', KEYS[2 + i], new, id) end
end
local fields = {'id', id}
for i = 11, #ARGV do fields[#fields + 1] = ARGV[i] end
redis.call('HSET', KEYS[2] .. id, unpack(fields))
redis.call('SADD', KEYS[1], id)
return {'ok', redis.call('HGETALL', KEYS[2] .. id)}
`,
};

/** The token an index entry points to. KEYS: 1 the index, 2 the token key prefix. ARGV: 1 the value. */
export const FIND: LuaScript = {
  name: 'find',
  source: `#!lua flags=no-writes
local id = redis.call('HGET', KEYS[1], ARGV[1])
if not id then return false end
return redis.call('HGETALL', KEYS[2] .. id)
`,
};

/** Removes a token and its index entries. KEYS as SAVE. ARGV: 1 the id, 2-5 the unique column names. */
export const DELETE: LuaScript = {
  name: 'delete',
  source: `#!lua
local key = KEYS[2] .. ARGV[1]
for i = 1, 4 do
  local value = redis.call('HGET', key, ARGV[1 + i])
  if value and redis.call('HGET', KEYS[2 + i], value) == ARGV[1] then
    redis.call('HDEL', KEYS[2 + i], value)
  end
end
redis.call('DEL', key)
redis.call('SREM', KEYS[1], ARGV[1])
return 1
`,
};

/** Every token's hash. KEYS: 1 the id set, 2 the token key prefix. */
export const LIST: LuaScript = {
  name: 'list',
  source: `#!lua flags=no-writes
local out = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local flat = redis.call('HGETALL', KEYS[2] .. id)
  if #flat > 0 then out[#out + 1] = flat end
end
return out
`,
};

/** Removes every token of the prefix, its indexes and its id set (leases stay). KEYS as SAVE. */
export const CLEAR: LuaScript = {
  name: 'clear',
  source: `#!lua
local ids = redis.call('SMEMBERS', KEYS[1])
for _, id in ipairs(ids) do redis.call('DEL', KEYS[2] .. id) end
redis.call('DEL', KEYS[1], KEYS[3], KEYS[4], KEYS[5], KEYS[6])
return #ids
`,
};

/** Takes or renews a lease. KEYS: 1 the lease. ARGV: 1 holder, 2 ttl in ms. Returns 1 when held. */
export const ACQUIRE: LuaScript = {
  name: 'acquire',
  source: `#!lua
local current = redis.call('GET', KEYS[1])
if current and current ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`,
};

/** Ends a lease only for its holder. KEYS: 1 the lease. ARGV: 1 holder. Returns 1 when it did. */
export const RELEASE: LuaScript = {
  name: 'release',
  source: `#!lua
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
return redis.call('DEL', KEYS[1])
`,
};
