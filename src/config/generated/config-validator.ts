// Generated from schemas/config.schema.json by scripts/generate-validators.mjs (npm run build): do not edit.
// @ts-nocheck: ajv's output is plain JavaScript; src/config/validate.ts gives it its type.
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);

export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","title":"index-audit configuration","description":"index-audit.json, .index-audit.json, or [tool.index-audit] in pyproject.toml. Paths are relative to the file's directory.","type":"object","additionalProperties":false,"properties":{"$schema":{"type":"string"},"migrations":{"description":"Migration files (globs), read in path order: a list, or one glob.","oneOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1},"minItems":1}]},"sources":{"description":"Migration sources: hand-written modules (read first, in path order), then the others in the order listed. Several may be combined.","type":"array","minItems":1,"items":{"type":"object","required":["kind"],"properties":{"kind":{"enum":["module","alembic","sql","django"]}},"allOf":[{"if":{"type":"object","required":["kind"],"properties":{"kind":{"const":"module"}}},"then":{"$ref":"#/definitions/moduleSource"}},{"if":{"type":"object","required":["kind"],"properties":{"kind":{"const":"alembic"}}},"then":{"$ref":"#/definitions/alembicSource"}},{"if":{"type":"object","required":["kind"],"properties":{"kind":{"const":"sql"}}},"then":{"$ref":"#/definitions/sqlSource"}},{"if":{"type":"object","required":["kind"],"properties":{"kind":{"const":"django"}}},"then":{"$ref":"#/definitions/djangoSource"}}]}},"registry":{"description":"The index registry: a path (a Python module, or a .sql file of CREATE INDEX CONCURRENTLY IF NOT EXISTS statements), or an object with the path and the variable holding the entries.","oneOf":[{"type":"string","minLength":1},{"type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"type":"string","minLength":1},"variable":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"},"format":{"enum":["python","sql"]}}}]},"executors":{"description":"Extra calls whose first argument is SQL (e.g. a project helper such as exec_index).","type":"array","items":{"type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_.]*$"}},"functional":{"description":"Index names classified functional (kept in migrations), with the reason.","$ref":"#/definitions/overrides"},"performance":{"description":"Index names classified performance (belong in the registry), with the reason.","$ref":"#/definitions/overrides"},"domains":{"description":"Report grouping: domain name to table globs.","type":"object","additionalProperties":{"oneOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1},"minItems":1}]}},"rules":{"description":"Severity per rule, or [severity, options].","type":"object","propertyNames":{"enum":["alembic-revision-graph","concurrently-in-transaction","db-definition-drift","db-duplicate-index","db-index-invalid","db-index-missing","db-index-undeclared","db-unused-index","drop-index-not-concurrent","duplicate-index-name","dynamic-index-sql","identifier-too-long","index-in-both-places","index-missing","index-not-concurrent","invalid-sql","non-idempotent-migration-index","performance-index-in-migration","python-syntax-error","redundant-index","registry-entry-mismatch","registry-not-concurrent","registry-not-if-not-exists","unique-index-in-registry","unrunnable-migration","unused-suppression"]},"additionalProperties":{"oneOf":[{"$ref":"#/definitions/severity"},{"type":"array","items":[{"$ref":"#/definitions/severity"},{"type":"object"}],"minItems":1,"maxItems":2}]}},"baseline":{"description":"Baseline file of accepted findings (default .index-audit-baseline.json).","type":"string","minLength":1},"database":{"description":"index-audit db: where the database URL comes from.","type":"object","additionalProperties":false,"properties":{"urlEnv":{"description":"Environment variable holding the database URL (default DATABASE_URL).","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"}}}},"definitions":{"moduleSource":{"description":"Hand-written migration modules (globs), read in path order: the same as `migrations`.","type":"object","additionalProperties":false,"required":["kind","paths"],"properties":{"kind":{"const":"module"},"paths":{"type":"array","items":{"type":"string","minLength":1},"minItems":1}}},"alembicSource":{"description":"An Alembic versions directory; env.py beside it is read for the naming convention.","type":"object","additionalProperties":false,"required":["kind","directory"],"properties":{"kind":{"const":"alembic"},"directory":{"description":"The versions directory, or several (version_locations): one revision graph across them.","oneOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1},"minItems":1}]},"env":{"description":"env.py, when it is not beside the versions directory.","type":"string","minLength":1},"recursive":{"description":"Revisions in subdirectories too (recursive_version_locations).","type":"boolean"},"config":{"description":"Alembic's configuration file, when it is not alembic.ini at the project root (one below it, or a pyproject.toml with [tool.alembic]): read for prepend_sys_path, whose paths are taken from its directory.","type":"string","minLength":1}}},"sqlSource":{"description":".sql migration files (globs): Flyway, golang-migrate, dbmate, sqitch deploy scripts, or plain files in natural order.","type":"object","additionalProperties":false,"required":["kind","paths"],"properties":{"kind":{"const":"sql"},"paths":{"type":"array","items":{"type":"string","minLength":1},"minItems":1}}},"djangoSource":{"description":"Django migrations: the apps' migration modules (globs, e.g. \"shop/*/migrations/*.py\"), read statically and applied in the dependency graph's order.","type":"object","additionalProperties":false,"required":["kind","paths"],"properties":{"kind":{"const":"django"},"paths":{"type":"array","items":{"type":"string","minLength":1},"minItems":1},"authUserModel":{"description":"settings.AUTH_USER_MODEL (\"app_label.ModelName\"); default: read from `settings`, else auth.User.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$"},"settings":{"description":"The settings module's file, read for AUTH_USER_MODEL.","type":"string","minLength":1}}},"severity":{"enum":["error","warn","warning","off"]},"overrides":{"oneOf":[{"type":"array","items":{"type":"string","minLength":1}},{"type":"object","additionalProperties":{"type":"string"}}]}}};
const schema12 = {"description":"Hand-written migration modules (globs), read in path order: the same as `migrations`.","type":"object","additionalProperties":false,"required":["kind","paths"],"properties":{"kind":{"const":"module"},"paths":{"type":"array","items":{"type":"string","minLength":1},"minItems":1}}};
const schema13 = {"description":"An Alembic versions directory; env.py beside it is read for the naming convention.","type":"object","additionalProperties":false,"required":["kind","directory"],"properties":{"kind":{"const":"alembic"},"directory":{"description":"The versions directory, or several (version_locations): one revision graph across them.","oneOf":[{"type":"string","minLength":1},{"type":"array","items":{"type":"string","minLength":1},"minItems":1}]},"env":{"description":"env.py, when it is not beside the versions directory.","type":"string","minLength":1},"recursive":{"description":"Revisions in subdirectories too (recursive_version_locations).","type":"boolean"},"config":{"description":"Alembic's configuration file, when it is not alembic.ini at the project root (one below it, or a pyproject.toml with [tool.alembic]): read for prepend_sys_path, whose paths are taken from its directory.","type":"string","minLength":1}}};
const schema14 = {"description":".sql migration files (globs): Flyway, golang-migrate, dbmate, sqitch deploy scripts, or plain files in natural order.","type":"object","additionalProperties":false,"required":["kind","paths"],"properties":{"kind":{"const":"sql"},"paths":{"type":"array","items":{"type":"string","minLength":1},"minItems":1}}};
const schema15 = {"description":"Django migrations: the apps' migration modules (globs, e.g. \"shop/*/migrations/*.py\"), read statically and applied in the dependency graph's order.","type":"object","additionalProperties":false,"required":["kind","paths"],"properties":{"kind":{"const":"django"},"paths":{"type":"array","items":{"type":"string","minLength":1},"minItems":1},"authUserModel":{"description":"settings.AUTH_USER_MODEL (\"app_label.ModelName\"); default: read from `settings`, else auth.User.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$"},"settings":{"description":"The settings module's file, read for AUTH_USER_MODEL.","type":"string","minLength":1}}};
const schema16 = {"oneOf":[{"type":"array","items":{"type":"string","minLength":1}},{"type":"object","additionalProperties":{"type":"string"}}]};
const schema18 = {"enum":["error","warn","warning","off"]};
const func2 = Object.prototype.hasOwnProperty;
const func3 = require("ajv/dist/runtime/ucs2length").default;
const pattern0 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern1 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern2 = new RegExp("^[A-Za-z_][A-Za-z0-9_.]*$", "u");

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.$schema !== undefined){
let data0 = data.$schema;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/$schema",schemaPath:"#/properties/%24schema/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.$schema.type,parentSchema:schema11.properties.$schema,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.migrations !== undefined){
let data1 = data.migrations;
const _errs5 = errors;
let valid1 = false;
let passing0 = null;
const _errs6 = errors;
if(typeof data1 === "string"){
if(func3(data1) < 1){
const err2 = {instancePath:instancePath+"/migrations",schemaPath:"#/properties/migrations/oneOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.migrations.oneOf[0],data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/migrations",schemaPath:"#/properties/migrations/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.migrations.oneOf[0].type,parentSchema:schema11.properties.migrations.oneOf[0],data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
var _valid0 = _errs6 === errors;
if(_valid0){
valid1 = true;
passing0 = 0;
}
const _errs8 = errors;
if(Array.isArray(data1)){
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/migrations",schemaPath:"#/properties/migrations/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.migrations.oneOf[1],data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func3(data2) < 1){
const err5 = {instancePath:instancePath+"/migrations/" + i0,schemaPath:"#/properties/migrations/oneOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.migrations.oneOf[1].items,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/migrations/" + i0,schemaPath:"#/properties/migrations/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.migrations.oneOf[1].items.type,parentSchema:schema11.properties.migrations.oneOf[1].items,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/migrations",schemaPath:"#/properties/migrations/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.migrations.oneOf[1].type,parentSchema:schema11.properties.migrations.oneOf[1],data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
var _valid0 = _errs8 === errors;
if(_valid0 && valid1){
valid1 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid1 = true;
passing0 = 1;
}
}
if(!valid1){
const err8 = {instancePath:instancePath+"/migrations",schemaPath:"#/properties/migrations/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema11.properties.migrations.oneOf,parentSchema:schema11.properties.migrations,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
else {
errors = _errs5;
if(vErrors !== null){
if(_errs5){
vErrors.length = _errs5;
}
else {
vErrors = null;
}
}
}
}
if(data.sources !== undefined){
let data3 = data.sources;
if(Array.isArray(data3)){
if(data3.length < 1){
const err9 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.sources,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
let data4 = data3[i1];
const _errs17 = errors;
let valid7 = true;
const _errs18 = errors;
if(errors === _errs18){
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
let missing0;
if((data4.kind === undefined) && (missing0 = "kind")){
const err10 = {};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
else {
if(data4.kind !== undefined){
if("module" !== data4.kind){
const err11 = {};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
}
else {
const err12 = {};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
var _valid1 = _errs18 === errors;
errors = _errs17;
if(vErrors !== null){
if(_errs17){
vErrors.length = _errs17;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs21 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err13 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/moduleSource/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema12.required,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data4.paths === undefined){
const err14 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/moduleSource/required",keyword:"required",params:{missingProperty: "paths"},message:"must have required property '"+"paths"+"'",schema:schema12.required,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key1 in data4){
if(!((key1 === "kind") || (key1 === "paths"))){
const err15 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/moduleSource/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data4.kind !== undefined){
let data6 = data4.kind;
if("module" !== data6){
const err16 = {instancePath:instancePath+"/sources/" + i1+"/kind",schemaPath:"#/definitions/moduleSource/properties/kind/const",keyword:"const",params:{allowedValue: "module"},message:"must be equal to constant",schema:"module",parentSchema:schema12.properties.kind,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data4.paths !== undefined){
let data7 = data4.paths;
if(Array.isArray(data7)){
if(data7.length < 1){
const err17 = {instancePath:instancePath+"/sources/" + i1+"/paths",schemaPath:"#/definitions/moduleSource/properties/paths/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.paths,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
let data8 = data7[i2];
if(typeof data8 === "string"){
if(func3(data8) < 1){
const err18 = {instancePath:instancePath+"/sources/" + i1+"/paths/" + i2,schemaPath:"#/definitions/moduleSource/properties/paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema12.properties.paths.items,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/sources/" + i1+"/paths/" + i2,schemaPath:"#/definitions/moduleSource/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.paths.items.type,parentSchema:schema12.properties.paths.items,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
}
else {
const err20 = {instancePath:instancePath+"/sources/" + i1+"/paths",schemaPath:"#/definitions/moduleSource/properties/paths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.paths.type,parentSchema:schema12.properties.paths,data:data7};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
else {
const err21 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/moduleSource/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data:data4};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
var _valid1 = _errs21 === errors;
valid7 = _valid1;
}
if(!valid7){
const err22 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema11.properties.sources.items.allOf[0].if,parentSchema:schema11.properties.sources.items.allOf[0],data:data4};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
const _errs31 = errors;
let valid13 = true;
const _errs32 = errors;
if(errors === _errs32){
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
let missing1;
if((data4.kind === undefined) && (missing1 = "kind")){
const err23 = {};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
else {
if(data4.kind !== undefined){
if("alembic" !== data4.kind){
const err24 = {};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
}
else {
const err25 = {};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
var _valid2 = _errs32 === errors;
errors = _errs31;
if(vErrors !== null){
if(_errs31){
vErrors.length = _errs31;
}
else {
vErrors = null;
}
}
if(_valid2){
const _errs35 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err26 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/alembicSource/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema13.required,parentSchema:schema13,data:data4};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
if(data4.directory === undefined){
const err27 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/alembicSource/required",keyword:"required",params:{missingProperty: "directory"},message:"must have required property '"+"directory"+"'",schema:schema13.required,parentSchema:schema13,data:data4};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
for(const key2 in data4){
if(!(((((key2 === "kind") || (key2 === "directory")) || (key2 === "env")) || (key2 === "recursive")) || (key2 === "config"))){
const err28 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/alembicSource/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema13,data:data4};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
if(data4.kind !== undefined){
let data10 = data4.kind;
if("alembic" !== data10){
const err29 = {instancePath:instancePath+"/sources/" + i1+"/kind",schemaPath:"#/definitions/alembicSource/properties/kind/const",keyword:"const",params:{allowedValue: "alembic"},message:"must be equal to constant",schema:"alembic",parentSchema:schema13.properties.kind,data:data10};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data4.directory !== undefined){
let data11 = data4.directory;
const _errs41 = errors;
let valid17 = false;
let passing1 = null;
const _errs42 = errors;
if(typeof data11 === "string"){
if(func3(data11) < 1){
const err30 = {instancePath:instancePath+"/sources/" + i1+"/directory",schemaPath:"#/definitions/alembicSource/properties/directory/oneOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.directory.oneOf[0],data:data11};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
else {
const err31 = {instancePath:instancePath+"/sources/" + i1+"/directory",schemaPath:"#/definitions/alembicSource/properties/directory/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.directory.oneOf[0].type,parentSchema:schema13.properties.directory.oneOf[0],data:data11};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
var _valid3 = _errs42 === errors;
if(_valid3){
valid17 = true;
passing1 = 0;
}
const _errs44 = errors;
if(Array.isArray(data11)){
if(data11.length < 1){
const err32 = {instancePath:instancePath+"/sources/" + i1+"/directory",schemaPath:"#/definitions/alembicSource/properties/directory/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema13.properties.directory.oneOf[1],data:data11};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
const len3 = data11.length;
for(let i3=0; i3<len3; i3++){
let data12 = data11[i3];
if(typeof data12 === "string"){
if(func3(data12) < 1){
const err33 = {instancePath:instancePath+"/sources/" + i1+"/directory/" + i3,schemaPath:"#/definitions/alembicSource/properties/directory/oneOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.directory.oneOf[1].items,data:data12};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/sources/" + i1+"/directory/" + i3,schemaPath:"#/definitions/alembicSource/properties/directory/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.directory.oneOf[1].items.type,parentSchema:schema13.properties.directory.oneOf[1].items,data:data12};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
}
else {
const err35 = {instancePath:instancePath+"/sources/" + i1+"/directory",schemaPath:"#/definitions/alembicSource/properties/directory/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema13.properties.directory.oneOf[1].type,parentSchema:schema13.properties.directory.oneOf[1],data:data11};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
var _valid3 = _errs44 === errors;
if(_valid3 && valid17){
valid17 = false;
passing1 = [passing1, 1];
}
else {
if(_valid3){
valid17 = true;
passing1 = 1;
}
}
if(!valid17){
const err36 = {instancePath:instancePath+"/sources/" + i1+"/directory",schemaPath:"#/definitions/alembicSource/properties/directory/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf",schema:schema13.properties.directory.oneOf,parentSchema:schema13.properties.directory,data:data11};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
else {
errors = _errs41;
if(vErrors !== null){
if(_errs41){
vErrors.length = _errs41;
}
else {
vErrors = null;
}
}
}
}
if(data4.env !== undefined){
let data13 = data4.env;
if(typeof data13 === "string"){
if(func3(data13) < 1){
const err37 = {instancePath:instancePath+"/sources/" + i1+"/env",schemaPath:"#/definitions/alembicSource/properties/env/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.env,data:data13};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
else {
const err38 = {instancePath:instancePath+"/sources/" + i1+"/env",schemaPath:"#/definitions/alembicSource/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.env.type,parentSchema:schema13.properties.env,data:data13};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data4.recursive !== undefined){
let data14 = data4.recursive;
if(typeof data14 !== "boolean"){
const err39 = {instancePath:instancePath+"/sources/" + i1+"/recursive",schemaPath:"#/definitions/alembicSource/properties/recursive/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema13.properties.recursive.type,parentSchema:schema13.properties.recursive,data:data14};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
if(data4.config !== undefined){
let data15 = data4.config;
if(typeof data15 === "string"){
if(func3(data15) < 1){
const err40 = {instancePath:instancePath+"/sources/" + i1+"/config",schemaPath:"#/definitions/alembicSource/properties/config/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema13.properties.config,data:data15};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
else {
const err41 = {instancePath:instancePath+"/sources/" + i1+"/config",schemaPath:"#/definitions/alembicSource/properties/config/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema13.properties.config.type,parentSchema:schema13.properties.config,data:data15};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
else {
const err42 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/alembicSource/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.type,parentSchema:schema13,data:data4};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
var _valid2 = _errs35 === errors;
valid13 = _valid2;
}
if(!valid13){
const err43 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema11.properties.sources.items.allOf[1].if,parentSchema:schema11.properties.sources.items.allOf[1],data:data4};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
const _errs55 = errors;
let valid20 = true;
const _errs56 = errors;
if(errors === _errs56){
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
let missing2;
if((data4.kind === undefined) && (missing2 = "kind")){
const err44 = {};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
else {
if(data4.kind !== undefined){
if("sql" !== data4.kind){
const err45 = {};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
}
else {
const err46 = {};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
var _valid4 = _errs56 === errors;
errors = _errs55;
if(vErrors !== null){
if(_errs55){
vErrors.length = _errs55;
}
else {
vErrors = null;
}
}
if(_valid4){
const _errs59 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err47 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/sqlSource/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema14.required,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(data4.paths === undefined){
const err48 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/sqlSource/required",keyword:"required",params:{missingProperty: "paths"},message:"must have required property '"+"paths"+"'",schema:schema14.required,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
for(const key3 in data4){
if(!((key3 === "kind") || (key3 === "paths"))){
const err49 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/sqlSource/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
if(data4.kind !== undefined){
let data17 = data4.kind;
if("sql" !== data17){
const err50 = {instancePath:instancePath+"/sources/" + i1+"/kind",schemaPath:"#/definitions/sqlSource/properties/kind/const",keyword:"const",params:{allowedValue: "sql"},message:"must be equal to constant",schema:"sql",parentSchema:schema14.properties.kind,data:data17};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
if(data4.paths !== undefined){
let data18 = data4.paths;
if(Array.isArray(data18)){
if(data18.length < 1){
const err51 = {instancePath:instancePath+"/sources/" + i1+"/paths",schemaPath:"#/definitions/sqlSource/properties/paths/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema14.properties.paths,data:data18};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
const len4 = data18.length;
for(let i4=0; i4<len4; i4++){
let data19 = data18[i4];
if(typeof data19 === "string"){
if(func3(data19) < 1){
const err52 = {instancePath:instancePath+"/sources/" + i1+"/paths/" + i4,schemaPath:"#/definitions/sqlSource/properties/paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14.properties.paths.items,data:data19};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
else {
const err53 = {instancePath:instancePath+"/sources/" + i1+"/paths/" + i4,schemaPath:"#/definitions/sqlSource/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.properties.paths.items.type,parentSchema:schema14.properties.paths.items,data:data19};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
}
else {
const err54 = {instancePath:instancePath+"/sources/" + i1+"/paths",schemaPath:"#/definitions/sqlSource/properties/paths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema14.properties.paths.type,parentSchema:schema14.properties.paths,data:data18};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
else {
const err55 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/sqlSource/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema14.type,parentSchema:schema14,data:data4};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
var _valid4 = _errs59 === errors;
valid20 = _valid4;
}
if(!valid20){
const err56 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/allOf/2/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema11.properties.sources.items.allOf[2].if,parentSchema:schema11.properties.sources.items.allOf[2],data:data4};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
const _errs69 = errors;
let valid26 = true;
const _errs70 = errors;
if(errors === _errs70){
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
let missing3;
if((data4.kind === undefined) && (missing3 = "kind")){
const err57 = {};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
else {
if(data4.kind !== undefined){
if("django" !== data4.kind){
const err58 = {};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
}
else {
const err59 = {};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
var _valid5 = _errs70 === errors;
errors = _errs69;
if(vErrors !== null){
if(_errs69){
vErrors.length = _errs69;
}
else {
vErrors = null;
}
}
if(_valid5){
const _errs73 = errors;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err60 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/djangoSource/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema15.required,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(data4.paths === undefined){
const err61 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/djangoSource/required",keyword:"required",params:{missingProperty: "paths"},message:"must have required property '"+"paths"+"'",schema:schema15.required,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
for(const key4 in data4){
if(!((((key4 === "kind") || (key4 === "paths")) || (key4 === "authUserModel")) || (key4 === "settings"))){
const err62 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/djangoSource/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data4.kind !== undefined){
let data21 = data4.kind;
if("django" !== data21){
const err63 = {instancePath:instancePath+"/sources/" + i1+"/kind",schemaPath:"#/definitions/djangoSource/properties/kind/const",keyword:"const",params:{allowedValue: "django"},message:"must be equal to constant",schema:"django",parentSchema:schema15.properties.kind,data:data21};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
if(data4.paths !== undefined){
let data22 = data4.paths;
if(Array.isArray(data22)){
if(data22.length < 1){
const err64 = {instancePath:instancePath+"/sources/" + i1+"/paths",schemaPath:"#/definitions/djangoSource/properties/paths/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema15.properties.paths,data:data22};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
const len5 = data22.length;
for(let i5=0; i5<len5; i5++){
let data23 = data22[i5];
if(typeof data23 === "string"){
if(func3(data23) < 1){
const err65 = {instancePath:instancePath+"/sources/" + i1+"/paths/" + i5,schemaPath:"#/definitions/djangoSource/properties/paths/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema15.properties.paths.items,data:data23};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
else {
const err66 = {instancePath:instancePath+"/sources/" + i1+"/paths/" + i5,schemaPath:"#/definitions/djangoSource/properties/paths/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.paths.items.type,parentSchema:schema15.properties.paths.items,data:data23};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
}
}
else {
const err67 = {instancePath:instancePath+"/sources/" + i1+"/paths",schemaPath:"#/definitions/djangoSource/properties/paths/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema15.properties.paths.type,parentSchema:schema15.properties.paths,data:data22};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data4.authUserModel !== undefined){
let data24 = data4.authUserModel;
if(typeof data24 === "string"){
if(!pattern0.test(data24)){
const err68 = {instancePath:instancePath+"/sources/" + i1+"/authUserModel",schemaPath:"#/definitions/djangoSource/properties/authUserModel/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema15.properties.authUserModel,data:data24};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
else {
const err69 = {instancePath:instancePath+"/sources/" + i1+"/authUserModel",schemaPath:"#/definitions/djangoSource/properties/authUserModel/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.authUserModel.type,parentSchema:schema15.properties.authUserModel,data:data24};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data4.settings !== undefined){
let data25 = data4.settings;
if(typeof data25 === "string"){
if(func3(data25) < 1){
const err70 = {instancePath:instancePath+"/sources/" + i1+"/settings",schemaPath:"#/definitions/djangoSource/properties/settings/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema15.properties.settings,data:data25};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
else {
const err71 = {instancePath:instancePath+"/sources/" + i1+"/settings",schemaPath:"#/definitions/djangoSource/properties/settings/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema15.properties.settings.type,parentSchema:schema15.properties.settings,data:data25};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
}
else {
const err72 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/definitions/djangoSource/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema15.type,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
var _valid5 = _errs73 === errors;
valid26 = _valid5;
}
if(!valid26){
const err73 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/allOf/3/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema11.properties.sources.items.allOf[3].if,parentSchema:schema11.properties.sources.items.allOf[3],data:data4};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.kind === undefined){
const err74 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema11.properties.sources.items.required,parentSchema:schema11.properties.sources.items,data:data4};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(data4.kind !== undefined){
let data26 = data4.kind;
if(!((((data26 === "module") || (data26 === "alembic")) || (data26 === "sql")) || (data26 === "django"))){
const err75 = {instancePath:instancePath+"/sources/" + i1+"/kind",schemaPath:"#/properties/sources/items/properties/kind/enum",keyword:"enum",params:{allowedValues: schema11.properties.sources.items.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.sources.items.properties.kind.enum,parentSchema:schema11.properties.sources.items.properties.kind,data:data26};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
else {
const err76 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.sources.items.type,parentSchema:schema11.properties.sources.items,data:data4};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
}
else {
const err77 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.sources.type,parentSchema:schema11.properties.sources,data:data3};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
}
if(data.registry !== undefined){
let data27 = data.registry;
const _errs88 = errors;
let valid33 = false;
let passing2 = null;
const _errs89 = errors;
if(typeof data27 === "string"){
if(func3(data27) < 1){
const err78 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/oneOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.registry.oneOf[0],data:data27};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
else {
const err79 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.registry.oneOf[0].type,parentSchema:schema11.properties.registry.oneOf[0],data:data27};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
var _valid6 = _errs89 === errors;
if(_valid6){
valid33 = true;
passing2 = 0;
}
const _errs91 = errors;
if(data27 && typeof data27 == "object" && !Array.isArray(data27)){
if(data27.path === undefined){
const err80 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/oneOf/1/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema11.properties.registry.oneOf[1].required,parentSchema:schema11.properties.registry.oneOf[1],data:data27};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
for(const key5 in data27){
if(!(((key5 === "path") || (key5 === "variable")) || (key5 === "format"))){
const err81 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.registry.oneOf[1],data:data27};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
}
if(data27.path !== undefined){
let data28 = data27.path;
if(typeof data28 === "string"){
if(func3(data28) < 1){
const err82 = {instancePath:instancePath+"/registry/path",schemaPath:"#/properties/registry/oneOf/1/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.registry.oneOf[1].properties.path,data:data28};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
}
else {
const err83 = {instancePath:instancePath+"/registry/path",schemaPath:"#/properties/registry/oneOf/1/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.registry.oneOf[1].properties.path.type,parentSchema:schema11.properties.registry.oneOf[1].properties.path,data:data28};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
if(data27.variable !== undefined){
let data29 = data27.variable;
if(typeof data29 === "string"){
if(!pattern1.test(data29)){
const err84 = {instancePath:instancePath+"/registry/variable",schemaPath:"#/properties/registry/oneOf/1/properties/variable/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema11.properties.registry.oneOf[1].properties.variable,data:data29};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
else {
const err85 = {instancePath:instancePath+"/registry/variable",schemaPath:"#/properties/registry/oneOf/1/properties/variable/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.registry.oneOf[1].properties.variable.type,parentSchema:schema11.properties.registry.oneOf[1].properties.variable,data:data29};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
if(data27.format !== undefined){
let data30 = data27.format;
if(!((data30 === "python") || (data30 === "sql"))){
const err86 = {instancePath:instancePath+"/registry/format",schemaPath:"#/properties/registry/oneOf/1/properties/format/enum",keyword:"enum",params:{allowedValues: schema11.properties.registry.oneOf[1].properties.format.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.registry.oneOf[1].properties.format.enum,parentSchema:schema11.properties.registry.oneOf[1].properties.format,data:data30};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
}
else {
const err87 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.registry.oneOf[1].type,parentSchema:schema11.properties.registry.oneOf[1],data:data27};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
var _valid6 = _errs91 === errors;
if(_valid6 && valid33){
valid33 = false;
passing2 = [passing2, 1];
}
else {
if(_valid6){
valid33 = true;
passing2 = 1;
}
}
if(!valid33){
const err88 = {instancePath:instancePath+"/registry",schemaPath:"#/properties/registry/oneOf",keyword:"oneOf",params:{passingSchemas: passing2},message:"must match exactly one schema in oneOf",schema:schema11.properties.registry.oneOf,parentSchema:schema11.properties.registry,data:data27};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
else {
errors = _errs88;
if(vErrors !== null){
if(_errs88){
vErrors.length = _errs88;
}
else {
vErrors = null;
}
}
}
}
if(data.executors !== undefined){
let data31 = data.executors;
if(Array.isArray(data31)){
const len6 = data31.length;
for(let i6=0; i6<len6; i6++){
let data32 = data31[i6];
if(typeof data32 === "string"){
if(!pattern2.test(data32)){
const err89 = {instancePath:instancePath+"/executors/" + i6,schemaPath:"#/properties/executors/items/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_.]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_.]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_.]*$",parentSchema:schema11.properties.executors.items,data:data32};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
else {
const err90 = {instancePath:instancePath+"/executors/" + i6,schemaPath:"#/properties/executors/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.executors.items.type,parentSchema:schema11.properties.executors.items,data:data32};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
}
}
else {
const err91 = {instancePath:instancePath+"/executors",schemaPath:"#/properties/executors/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.executors.type,parentSchema:schema11.properties.executors,data:data31};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data.functional !== undefined){
let data33 = data.functional;
const _errs105 = errors;
let valid38 = false;
let passing3 = null;
const _errs106 = errors;
if(Array.isArray(data33)){
const len7 = data33.length;
for(let i7=0; i7<len7; i7++){
let data34 = data33[i7];
if(typeof data34 === "string"){
if(func3(data34) < 1){
const err92 = {instancePath:instancePath+"/functional/" + i7,schemaPath:"#/definitions/overrides/oneOf/0/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.oneOf[0].items,data:data34};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
else {
const err93 = {instancePath:instancePath+"/functional/" + i7,schemaPath:"#/definitions/overrides/oneOf/0/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.oneOf[0].items.type,parentSchema:schema16.oneOf[0].items,data:data34};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
}
else {
const err94 = {instancePath:instancePath+"/functional",schemaPath:"#/definitions/overrides/oneOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.oneOf[0].type,parentSchema:schema16.oneOf[0],data:data33};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
var _valid7 = _errs106 === errors;
if(_valid7){
valid38 = true;
passing3 = 0;
}
const _errs110 = errors;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
for(const key6 in data33){
let data35 = data33[key6];
if(typeof data35 !== "string"){
const err95 = {instancePath:instancePath+"/functional/" + key6.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/overrides/oneOf/1/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.oneOf[1].additionalProperties.type,parentSchema:schema16.oneOf[1].additionalProperties,data:data35};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
}
else {
const err96 = {instancePath:instancePath+"/functional",schemaPath:"#/definitions/overrides/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.oneOf[1].type,parentSchema:schema16.oneOf[1],data:data33};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
var _valid7 = _errs110 === errors;
if(_valid7 && valid38){
valid38 = false;
passing3 = [passing3, 1];
}
else {
if(_valid7){
valid38 = true;
passing3 = 1;
}
}
if(!valid38){
const err97 = {instancePath:instancePath+"/functional",schemaPath:"#/definitions/overrides/oneOf",keyword:"oneOf",params:{passingSchemas: passing3},message:"must match exactly one schema in oneOf",schema:schema16.oneOf,parentSchema:schema16,data:data33};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
else {
errors = _errs105;
if(vErrors !== null){
if(_errs105){
vErrors.length = _errs105;
}
else {
vErrors = null;
}
}
}
}
if(data.performance !== undefined){
let data36 = data.performance;
const _errs117 = errors;
let valid43 = false;
let passing4 = null;
const _errs118 = errors;
if(Array.isArray(data36)){
const len8 = data36.length;
for(let i8=0; i8<len8; i8++){
let data37 = data36[i8];
if(typeof data37 === "string"){
if(func3(data37) < 1){
const err98 = {instancePath:instancePath+"/performance/" + i8,schemaPath:"#/definitions/overrides/oneOf/0/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema16.oneOf[0].items,data:data37};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
else {
const err99 = {instancePath:instancePath+"/performance/" + i8,schemaPath:"#/definitions/overrides/oneOf/0/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.oneOf[0].items.type,parentSchema:schema16.oneOf[0].items,data:data37};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
else {
const err100 = {instancePath:instancePath+"/performance",schemaPath:"#/definitions/overrides/oneOf/0/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema16.oneOf[0].type,parentSchema:schema16.oneOf[0],data:data36};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
var _valid8 = _errs118 === errors;
if(_valid8){
valid43 = true;
passing4 = 0;
}
const _errs122 = errors;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
for(const key7 in data36){
let data38 = data36[key7];
if(typeof data38 !== "string"){
const err101 = {instancePath:instancePath+"/performance/" + key7.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/overrides/oneOf/1/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema16.oneOf[1].additionalProperties.type,parentSchema:schema16.oneOf[1].additionalProperties,data:data38};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
}
else {
const err102 = {instancePath:instancePath+"/performance",schemaPath:"#/definitions/overrides/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema16.oneOf[1].type,parentSchema:schema16.oneOf[1],data:data36};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
var _valid8 = _errs122 === errors;
if(_valid8 && valid43){
valid43 = false;
passing4 = [passing4, 1];
}
else {
if(_valid8){
valid43 = true;
passing4 = 1;
}
}
if(!valid43){
const err103 = {instancePath:instancePath+"/performance",schemaPath:"#/definitions/overrides/oneOf",keyword:"oneOf",params:{passingSchemas: passing4},message:"must match exactly one schema in oneOf",schema:schema16.oneOf,parentSchema:schema16,data:data36};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
else {
errors = _errs117;
if(vErrors !== null){
if(_errs117){
vErrors.length = _errs117;
}
else {
vErrors = null;
}
}
}
}
if(data.domains !== undefined){
let data39 = data.domains;
if(data39 && typeof data39 == "object" && !Array.isArray(data39)){
for(const key8 in data39){
let data40 = data39[key8];
const _errs131 = errors;
let valid48 = false;
let passing5 = null;
const _errs132 = errors;
if(typeof data40 === "string"){
if(func3(data40) < 1){
const err104 = {instancePath:instancePath+"/domains/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/domains/additionalProperties/oneOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.domains.additionalProperties.oneOf[0],data:data40};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
else {
const err105 = {instancePath:instancePath+"/domains/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/domains/additionalProperties/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.domains.additionalProperties.oneOf[0].type,parentSchema:schema11.properties.domains.additionalProperties.oneOf[0],data:data40};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
var _valid9 = _errs132 === errors;
if(_valid9){
valid48 = true;
passing5 = 0;
}
const _errs134 = errors;
if(Array.isArray(data40)){
if(data40.length < 1){
const err106 = {instancePath:instancePath+"/domains/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/domains/additionalProperties/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.domains.additionalProperties.oneOf[1],data:data40};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
const len9 = data40.length;
for(let i9=0; i9<len9; i9++){
let data41 = data40[i9];
if(typeof data41 === "string"){
if(func3(data41) < 1){
const err107 = {instancePath:instancePath+"/domains/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i9,schemaPath:"#/properties/domains/additionalProperties/oneOf/1/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.domains.additionalProperties.oneOf[1].items,data:data41};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
else {
const err108 = {instancePath:instancePath+"/domains/" + key8.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i9,schemaPath:"#/properties/domains/additionalProperties/oneOf/1/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.domains.additionalProperties.oneOf[1].items.type,parentSchema:schema11.properties.domains.additionalProperties.oneOf[1].items,data:data41};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
}
else {
const err109 = {instancePath:instancePath+"/domains/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/domains/additionalProperties/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.domains.additionalProperties.oneOf[1].type,parentSchema:schema11.properties.domains.additionalProperties.oneOf[1],data:data40};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
var _valid9 = _errs134 === errors;
if(_valid9 && valid48){
valid48 = false;
passing5 = [passing5, 1];
}
else {
if(_valid9){
valid48 = true;
passing5 = 1;
}
}
if(!valid48){
const err110 = {instancePath:instancePath+"/domains/" + key8.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/domains/additionalProperties/oneOf",keyword:"oneOf",params:{passingSchemas: passing5},message:"must match exactly one schema in oneOf",schema:schema11.properties.domains.additionalProperties.oneOf,parentSchema:schema11.properties.domains.additionalProperties,data:data40};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
else {
errors = _errs131;
if(vErrors !== null){
if(_errs131){
vErrors.length = _errs131;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err111 = {instancePath:instancePath+"/domains",schemaPath:"#/properties/domains/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.domains.type,parentSchema:schema11.properties.domains,data:data39};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
}
if(data.rules !== undefined){
let data42 = data.rules;
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
for(const key9 in data42){
const _errs140 = errors;
if(!((((((((((((((((((((((((((key9 === "alembic-revision-graph") || (key9 === "concurrently-in-transaction")) || (key9 === "db-definition-drift")) || (key9 === "db-duplicate-index")) || (key9 === "db-index-invalid")) || (key9 === "db-index-missing")) || (key9 === "db-index-undeclared")) || (key9 === "db-unused-index")) || (key9 === "drop-index-not-concurrent")) || (key9 === "duplicate-index-name")) || (key9 === "dynamic-index-sql")) || (key9 === "identifier-too-long")) || (key9 === "index-in-both-places")) || (key9 === "index-missing")) || (key9 === "index-not-concurrent")) || (key9 === "invalid-sql")) || (key9 === "non-idempotent-migration-index")) || (key9 === "performance-index-in-migration")) || (key9 === "python-syntax-error")) || (key9 === "redundant-index")) || (key9 === "registry-entry-mismatch")) || (key9 === "registry-not-concurrent")) || (key9 === "registry-not-if-not-exists")) || (key9 === "unique-index-in-registry")) || (key9 === "unrunnable-migration")) || (key9 === "unused-suppression"))){
const err112 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/propertyNames/enum",keyword:"enum",params:{allowedValues: schema11.properties.rules.propertyNames.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.rules.propertyNames.enum,parentSchema:schema11.properties.rules.propertyNames,data:key9,propertyName:key9};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
var valid51 = _errs140 === errors;
if(!valid51){
const err113 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/propertyNames",keyword:"propertyNames",params:{propertyName: key9},message:"property name must be valid",schema:schema11.properties.rules.propertyNames,parentSchema:schema11.properties.rules,data:data42};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
for(const key10 in data42){
let data43 = data42[key10];
const _errs143 = errors;
let valid53 = false;
let passing6 = null;
const _errs144 = errors;
if(!((((data43 === "error") || (data43 === "warn")) || (data43 === "warning")) || (data43 === "off"))){
const err114 = {instancePath:instancePath+"/rules/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/definitions/severity/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values",schema:schema18.enum,parentSchema:schema18,data:data43};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
var _valid10 = _errs144 === errors;
if(_valid10){
valid53 = true;
passing6 = 0;
}
const _errs146 = errors;
if(Array.isArray(data43)){
if(data43.length > 2){
const err115 = {instancePath:instancePath+"/rules/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rules/additionalProperties/oneOf/1/maxItems",keyword:"maxItems",params:{limit: 2},message:"must NOT have more than 2 items",schema:2,parentSchema:schema11.properties.rules.additionalProperties.oneOf[1],data:data43};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
if(data43.length < 1){
const err116 = {instancePath:instancePath+"/rules/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rules/additionalProperties/oneOf/1/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema11.properties.rules.additionalProperties.oneOf[1],data:data43};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
const len10 = data43.length;
if(len10 > 0){
let data44 = data43[0];
if(!((((data44 === "error") || (data44 === "warn")) || (data44 === "warning")) || (data44 === "off"))){
const err117 = {instancePath:instancePath+"/rules/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/0",schemaPath:"#/definitions/severity/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values",schema:schema18.enum,parentSchema:schema18,data:data44};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
}
if(len10 > 1){
let data45 = data43[1];
if(!(data45 && typeof data45 == "object" && !Array.isArray(data45))){
const err118 = {instancePath:instancePath+"/rules/" + key10.replace(/~/g, "~0").replace(/\//g, "~1")+"/1",schemaPath:"#/properties/rules/additionalProperties/oneOf/1/items/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.rules.additionalProperties.oneOf[1].items[1].type,parentSchema:schema11.properties.rules.additionalProperties.oneOf[1].items[1],data:data45};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
}
}
else {
const err119 = {instancePath:instancePath+"/rules/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rules/additionalProperties/oneOf/1/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema11.properties.rules.additionalProperties.oneOf[1].type,parentSchema:schema11.properties.rules.additionalProperties.oneOf[1],data:data43};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
var _valid10 = _errs146 === errors;
if(_valid10 && valid53){
valid53 = false;
passing6 = [passing6, 1];
}
else {
if(_valid10){
valid53 = true;
passing6 = 1;
}
}
if(!valid53){
const err120 = {instancePath:instancePath+"/rules/" + key10.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/rules/additionalProperties/oneOf",keyword:"oneOf",params:{passingSchemas: passing6},message:"must match exactly one schema in oneOf",schema:schema11.properties.rules.additionalProperties.oneOf,parentSchema:schema11.properties.rules.additionalProperties,data:data43};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
else {
errors = _errs143;
if(vErrors !== null){
if(_errs143){
vErrors.length = _errs143;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err121 = {instancePath:instancePath+"/rules",schemaPath:"#/properties/rules/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.rules.type,parentSchema:schema11.properties.rules,data:data42};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data.baseline !== undefined){
let data46 = data.baseline;
if(typeof data46 === "string"){
if(func3(data46) < 1){
const err122 = {instancePath:instancePath+"/baseline",schemaPath:"#/properties/baseline/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema11.properties.baseline,data:data46};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
else {
const err123 = {instancePath:instancePath+"/baseline",schemaPath:"#/properties/baseline/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.baseline.type,parentSchema:schema11.properties.baseline,data:data46};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
}
if(data.database !== undefined){
let data47 = data.database;
if(data47 && typeof data47 == "object" && !Array.isArray(data47)){
for(const key11 in data47){
if(!(key11 === "urlEnv")){
const err124 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key11},message:"must NOT have additional properties",schema:false,parentSchema:schema11.properties.database,data:data47};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
if(data47.urlEnv !== undefined){
let data48 = data47.urlEnv;
if(typeof data48 === "string"){
if(!pattern1.test(data48)){
const err125 = {instancePath:instancePath+"/database/urlEnv",schemaPath:"#/properties/database/properties/urlEnv/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema11.properties.database.properties.urlEnv,data:data48};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
else {
const err126 = {instancePath:instancePath+"/database/urlEnv",schemaPath:"#/properties/database/properties/urlEnv/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.database.properties.urlEnv.type,parentSchema:schema11.properties.database.properties.urlEnv,data:data48};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
}
}
else {
const err127 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.database.type,parentSchema:schema11.properties.database,data:data47};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
}
else {
const err128 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}

