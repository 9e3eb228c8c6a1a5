/* generated from operator/reloader/reloader-config.schema.json by scripts/gen-reloader-validator.ts, do not edit */
export const validateReloaderConfig = validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://tandem.dev/schemas/reloader-config.schema.json","title":"tandem reloader configuration","description":"The reloader.yaml key of the ConfigMap named by the pod annotation tandem.dev/reloader-config. The other keys of that ConfigMap hold the templates.","type":"object","additionalProperties":false,"required":["templates"],"properties":{"sources":{"description":"Named inputs of the templates. Each has exactly one kind.","type":"object","propertyNames":{"pattern":"^[a-zA-Z_][a-zA-Z0-9_]*$"},"additionalProperties":{"$ref":"#/definitions/source"}},"groups":{"description":"Reload groups: the files of one group are swapped together and cause one reload.","type":"object","propertyNames":{"pattern":"^[a-zA-Z0-9_.-]+$"},"additionalProperties":{"$ref":"#/definitions/group"}},"templates":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/template"}}},"definitions":{"duration":{"description":"A duration such as 250ms, 2s or 1m.","type":"string","pattern":"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"},"source":{"type":"object","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"configMap":{"$ref":"#/definitions/namedObject"},"secret":{"$ref":"#/definitions/namedObject"},"endpointSlices":{"description":"The Ready endpoints of a Service, from its EndpointSlices, sorted by address and port.","type":"object","additionalProperties":false,"required":["service"],"properties":{"service":{"type":"string","minLength":1},"namespace":{"type":"string","minLength":1},"port":{"description":"Port name or number; default: the first port of the slice.","type":["string","integer"]}}},"etcd":{"type":"object","additionalProperties":false,"required":["endpoints","prefix"],"properties":{"endpoints":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^https?://"}},"prefix":{"type":"string","minLength":1},"dialTimeout":{"$ref":"#/definitions/duration"}}},"file":{"description":"A local file, or every regular file of a directory (recursively).","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"type":"string","pattern":"^/"},"rescan":{"$ref":"#/definitions/duration"}}}}},"namedObject":{"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1},"namespace":{"type":"string","minLength":1}}},"template":{"type":"object","additionalProperties":false,"required":["dest"],"properties":{"src":{"description":"Key of the config ConfigMap (or file next to the config file) holding the template.","type":"string","minLength":1},"template":{"description":"The template inline, instead of src.","type":"string"},"dest":{"type":"string","pattern":"^/"},"mode":{"description":"Octal file mode, default 0644.","type":"string","pattern":"^0?[0-7]{3}$"},"uid":{"type":"integer","minimum":0},"gid":{"type":"integer","minimum":0},"sources":{"description":"Sources this template reads; default all.","type":"array","items":{"type":"string"}},"check":{"description":"Command run without a shell against the staged file; {{ src }} is the staged path, {{ dest }} the destination.","type":"array","minItems":1,"items":{"type":"string"}},"group":{"description":"Reload group; default: a group of its own named after dest.","type":"string","minLength":1}}},"group":{"type":"object","additionalProperties":false,"properties":{"wait":{"description":"Debounce: reload once no change came for min, but at most max after the first change.","type":"object","additionalProperties":false,"properties":{"min":{"$ref":"#/definitions/duration"},"max":{"$ref":"#/definitions/duration"}}},"reload":{"$ref":"#/definitions/reload"},"verify":{"$ref":"#/definitions/verify"},"checkTimeout":{"$ref":"#/definitions/duration"}}},"reload":{"type":"object","additionalProperties":false,"minProperties":1,"properties":{"signal":{"description":"Signal name, default HUP.","type":"string","pattern":"^(SIG)?[A-Z0-9]+$"},"process":{"description":"The process to signal, in the shared PID namespace; the oldest match wins and PID 1 never matches.","type":"object","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"name":{"type":"string","minLength":1},"cmdline":{"description":"Regular expression over the arguments joined by spaces.","type":"string","minLength":1},"pidFile":{"type":"string","pattern":"^/"}}},"http":{"$ref":"#/definitions/httpRequest"},"command":{"type":"array","minItems":1,"items":{"type":"string"}},"timeout":{"$ref":"#/definitions/duration"}}},"httpRequest":{"type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"type":"string","pattern":"^https?://"},"method":{"type":"string","enum":["GET","POST","PUT"]},"status":{"description":"Expected status; default any 2xx.","type":"integer","minimum":100,"maximum":599},"bodyContains":{"description":"Expected text in the body; {{ revision }} is the revision of the rendered inputs.","type":"string"}}},"verify":{"type":"object","additionalProperties":false,"required":["http"],"properties":{"http":{"$ref":"#/definitions/httpRequest"},"timeout":{"$ref":"#/definitions/duration"}}}}};
const schema27 = {"type":"object","additionalProperties":false,"required":["dest"],"properties":{"src":{"description":"Key of the config ConfigMap (or file next to the config file) holding the template.","type":"string","minLength":1},"template":{"description":"The template inline, instead of src.","type":"string"},"dest":{"type":"string","pattern":"^/"},"mode":{"description":"Octal file mode, default 0644.","type":"string","pattern":"^0?[0-7]{3}$"},"uid":{"type":"integer","minimum":0},"gid":{"type":"integer","minimum":0},"sources":{"description":"Sources this template reads; default all.","type":"array","items":{"type":"string"}},"check":{"description":"Command run without a shell against the staged file; {{ src }} is the staged path, {{ dest }} the destination.","type":"array","minItems":1,"items":{"type":"string"}},"group":{"description":"Reload group; default: a group of its own named after dest.","type":"string","minLength":1}}};
const pattern0 = new RegExp("^[a-zA-Z_][a-zA-Z0-9_]*$", "u");
const pattern5 = new RegExp("^[a-zA-Z0-9_.-]+$", "u");
const pattern3 = new RegExp("^/", "u");
const pattern16 = new RegExp("^0?[0-7]{3}$", "u");
const schema12 = {"type":"object","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"configMap":{"$ref":"#/definitions/namedObject"},"secret":{"$ref":"#/definitions/namedObject"},"endpointSlices":{"description":"The Ready endpoints of a Service, from its EndpointSlices, sorted by address and port.","type":"object","additionalProperties":false,"required":["service"],"properties":{"service":{"type":"string","minLength":1},"namespace":{"type":"string","minLength":1},"port":{"description":"Port name or number; default: the first port of the slice.","type":["string","integer"]}}},"etcd":{"type":"object","additionalProperties":false,"required":["endpoints","prefix"],"properties":{"endpoints":{"type":"array","minItems":1,"items":{"type":"string","pattern":"^https?://"}},"prefix":{"type":"string","minLength":1},"dialTimeout":{"$ref":"#/definitions/duration"}}},"file":{"description":"A local file, or every regular file of a directory (recursively).","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"type":"string","pattern":"^/"},"rescan":{"$ref":"#/definitions/duration"}}}}};
const schema13 = {"type":"object","additionalProperties":false,"required":["name"],"properties":{"name":{"type":"string","minLength":1},"namespace":{"type":"string","minLength":1}}};
const schema15 = {"description":"A duration such as 250ms, 2s or 1m.","type":"string","pattern":"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"};
const func2 = ucs2length;
const pattern1 = new RegExp("^https?://", "u");
const pattern2 = new RegExp("^[0-9]+(\\.[0-9]+)?(ms|s|m)$", "u");

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length > 1){
const err0 = {instancePath,schemaPath:"#/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(Object.keys(data).length < 1){
const err1 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "configMap") || (key0 === "secret")) || (key0 === "endpointSlices")) || (key0 === "etcd")) || (key0 === "file"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.configMap !== undefined){
let data0 = data.configMap;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.name === undefined){
const err3 = {instancePath:instancePath+"/configMap",schemaPath:"#/definitions/namedObject/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key1 in data0){
if(!((key1 === "name") || (key1 === "namespace"))){
const err4 = {instancePath:instancePath+"/configMap",schemaPath:"#/definitions/namedObject/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data0.name !== undefined){
let data1 = data0.name;
if(typeof data1 === "string"){
if(func2(data1) < 1){
const err5 = {instancePath:instancePath+"/configMap/name",schemaPath:"#/definitions/namedObject/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err6 = {instancePath:instancePath+"/configMap/name",schemaPath:"#/definitions/namedObject/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data0.namespace !== undefined){
let data2 = data0.namespace;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err7 = {instancePath:instancePath+"/configMap/namespace",schemaPath:"#/definitions/namedObject/properties/namespace/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/configMap/namespace",schemaPath:"#/definitions/namedObject/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/configMap",schemaPath:"#/definitions/namedObject/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.secret !== undefined){
let data3 = data.secret;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
if(data3.name === undefined){
const err10 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/namedObject/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key2 in data3){
if(!((key2 === "name") || (key2 === "namespace"))){
const err11 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/namedObject/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data3.name !== undefined){
let data4 = data3.name;
if(typeof data4 === "string"){
if(func2(data4) < 1){
const err12 = {instancePath:instancePath+"/secret/name",schemaPath:"#/definitions/namedObject/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/secret/name",schemaPath:"#/definitions/namedObject/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data3.namespace !== undefined){
let data5 = data3.namespace;
if(typeof data5 === "string"){
if(func2(data5) < 1){
const err14 = {instancePath:instancePath+"/secret/namespace",schemaPath:"#/definitions/namedObject/properties/namespace/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/secret/namespace",schemaPath:"#/definitions/namedObject/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/secret",schemaPath:"#/definitions/namedObject/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.endpointSlices !== undefined){
let data6 = data.endpointSlices;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.service === undefined){
const err17 = {instancePath:instancePath+"/endpointSlices",schemaPath:"#/properties/endpointSlices/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
for(const key3 in data6){
if(!(((key3 === "service") || (key3 === "namespace")) || (key3 === "port"))){
const err18 = {instancePath:instancePath+"/endpointSlices",schemaPath:"#/properties/endpointSlices/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data6.service !== undefined){
let data7 = data6.service;
if(typeof data7 === "string"){
if(func2(data7) < 1){
const err19 = {instancePath:instancePath+"/endpointSlices/service",schemaPath:"#/properties/endpointSlices/properties/service/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/endpointSlices/service",schemaPath:"#/properties/endpointSlices/properties/service/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data6.namespace !== undefined){
let data8 = data6.namespace;
if(typeof data8 === "string"){
if(func2(data8) < 1){
const err21 = {instancePath:instancePath+"/endpointSlices/namespace",schemaPath:"#/properties/endpointSlices/properties/namespace/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/endpointSlices/namespace",schemaPath:"#/properties/endpointSlices/properties/namespace/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data6.port !== undefined){
let data9 = data6.port;
if((typeof data9 !== "string") && (!((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9))))){
const err23 = {instancePath:instancePath+"/endpointSlices/port",schemaPath:"#/properties/endpointSlices/properties/port/type",keyword:"type",params:{type: schema12.properties.endpointSlices.properties.port.type},message:"must be string,integer"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/endpointSlices",schemaPath:"#/properties/endpointSlices/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.etcd !== undefined){
let data10 = data.etcd;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.endpoints === undefined){
const err25 = {instancePath:instancePath+"/etcd",schemaPath:"#/properties/etcd/required",keyword:"required",params:{missingProperty: "endpoints"},message:"must have required property '"+"endpoints"+"'"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data10.prefix === undefined){
const err26 = {instancePath:instancePath+"/etcd",schemaPath:"#/properties/etcd/required",keyword:"required",params:{missingProperty: "prefix"},message:"must have required property '"+"prefix"+"'"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
for(const key4 in data10){
if(!(((key4 === "endpoints") || (key4 === "prefix")) || (key4 === "dialTimeout"))){
const err27 = {instancePath:instancePath+"/etcd",schemaPath:"#/properties/etcd/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data10.endpoints !== undefined){
let data11 = data10.endpoints;
if(Array.isArray(data11)){
if(data11.length < 1){
const err28 = {instancePath:instancePath+"/etcd/endpoints",schemaPath:"#/properties/etcd/properties/endpoints/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
const len0 = data11.length;
for(let i0=0; i0<len0; i0++){
let data12 = data11[i0];
if(typeof data12 === "string"){
if(!pattern1.test(data12)){
const err29 = {instancePath:instancePath+"/etcd/endpoints/" + i0,schemaPath:"#/properties/etcd/properties/endpoints/items/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\""};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/etcd/endpoints/" + i0,schemaPath:"#/properties/etcd/properties/endpoints/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath:instancePath+"/etcd/endpoints",schemaPath:"#/properties/etcd/properties/endpoints/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data10.prefix !== undefined){
let data13 = data10.prefix;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err32 = {instancePath:instancePath+"/etcd/prefix",schemaPath:"#/properties/etcd/properties/prefix/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
else {
const err33 = {instancePath:instancePath+"/etcd/prefix",schemaPath:"#/properties/etcd/properties/prefix/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data10.dialTimeout !== undefined){
let data14 = data10.dialTimeout;
if(typeof data14 === "string"){
if(!pattern2.test(data14)){
const err34 = {instancePath:instancePath+"/etcd/dialTimeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"+"\""};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
else {
const err35 = {instancePath:instancePath+"/etcd/dialTimeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
else {
const err36 = {instancePath:instancePath+"/etcd",schemaPath:"#/properties/etcd/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data.file !== undefined){
let data15 = data.file;
if(data15 && typeof data15 == "object" && !Array.isArray(data15)){
if(data15.path === undefined){
const err37 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
for(const key5 in data15){
if(!((key5 === "path") || (key5 === "rescan"))){
const err38 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data15.path !== undefined){
let data16 = data15.path;
if(typeof data16 === "string"){
if(!pattern3.test(data16)){
const err39 = {instancePath:instancePath+"/file/path",schemaPath:"#/properties/file/properties/path/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\""};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/file/path",schemaPath:"#/properties/file/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
if(data15.rescan !== undefined){
let data17 = data15.rescan;
if(typeof data17 === "string"){
if(!pattern2.test(data17)){
const err41 = {instancePath:instancePath+"/file/rescan",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"+"\""};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
else {
const err42 = {instancePath:instancePath+"/file/rescan",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
}
else {
const err43 = {instancePath:instancePath+"/file",schemaPath:"#/properties/file/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
}
else {
const err44 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema17 = {"type":"object","additionalProperties":false,"properties":{"wait":{"description":"Debounce: reload once no change came for min, but at most max after the first change.","type":"object","additionalProperties":false,"properties":{"min":{"$ref":"#/definitions/duration"},"max":{"$ref":"#/definitions/duration"}}},"reload":{"$ref":"#/definitions/reload"},"verify":{"$ref":"#/definitions/verify"},"checkTimeout":{"$ref":"#/definitions/duration"}}};
const schema20 = {"type":"object","additionalProperties":false,"minProperties":1,"properties":{"signal":{"description":"Signal name, default HUP.","type":"string","pattern":"^(SIG)?[A-Z0-9]+$"},"process":{"description":"The process to signal, in the shared PID namespace; the oldest match wins and PID 1 never matches.","type":"object","additionalProperties":false,"minProperties":1,"maxProperties":1,"properties":{"name":{"type":"string","minLength":1},"cmdline":{"description":"Regular expression over the arguments joined by spaces.","type":"string","minLength":1},"pidFile":{"type":"string","pattern":"^/"}}},"http":{"$ref":"#/definitions/httpRequest"},"command":{"type":"array","minItems":1,"items":{"type":"string"}},"timeout":{"$ref":"#/definitions/duration"}}};
const schema21 = {"type":"object","additionalProperties":false,"required":["url"],"properties":{"url":{"type":"string","pattern":"^https?://"},"method":{"type":"string","enum":["GET","POST","PUT"]},"status":{"description":"Expected status; default any 2xx.","type":"integer","minimum":100,"maximum":599},"bodyContains":{"description":"Expected text in the body; {{ revision }} is the revision of the rendered inputs.","type":"string"}}};
const pattern8 = new RegExp("^(SIG)?[A-Z0-9]+$", "u");

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(Object.keys(data).length < 1){
const err0 = {instancePath,schemaPath:"#/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "signal") || (key0 === "process")) || (key0 === "http")) || (key0 === "command")) || (key0 === "timeout"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.signal !== undefined){
let data0 = data.signal;
if(typeof data0 === "string"){
if(!pattern8.test(data0)){
const err2 = {instancePath:instancePath+"/signal",schemaPath:"#/properties/signal/pattern",keyword:"pattern",params:{pattern: "^(SIG)?[A-Z0-9]+$"},message:"must match pattern \""+"^(SIG)?[A-Z0-9]+$"+"\""};
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
const err3 = {instancePath:instancePath+"/signal",schemaPath:"#/properties/signal/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.process !== undefined){
let data1 = data.process;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(Object.keys(data1).length > 1){
const err4 = {instancePath:instancePath+"/process",schemaPath:"#/properties/process/maxProperties",keyword:"maxProperties",params:{limit: 1},message:"must NOT have more than 1 properties"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(Object.keys(data1).length < 1){
const err5 = {instancePath:instancePath+"/process",schemaPath:"#/properties/process/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!(((key1 === "name") || (key1 === "cmdline")) || (key1 === "pidFile"))){
const err6 = {instancePath:instancePath+"/process",schemaPath:"#/properties/process/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.name !== undefined){
let data2 = data1.name;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err7 = {instancePath:instancePath+"/process/name",schemaPath:"#/properties/process/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/process/name",schemaPath:"#/properties/process/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.cmdline !== undefined){
let data3 = data1.cmdline;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err9 = {instancePath:instancePath+"/process/cmdline",schemaPath:"#/properties/process/properties/cmdline/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/process/cmdline",schemaPath:"#/properties/process/properties/cmdline/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data1.pidFile !== undefined){
let data4 = data1.pidFile;
if(typeof data4 === "string"){
if(!pattern3.test(data4)){
const err11 = {instancePath:instancePath+"/process/pidFile",schemaPath:"#/properties/process/properties/pidFile/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\""};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/process/pidFile",schemaPath:"#/properties/process/properties/pidFile/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/process",schemaPath:"#/properties/process/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.http !== undefined){
let data5 = data.http;
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.url === undefined){
const err14 = {instancePath:instancePath+"/http",schemaPath:"#/definitions/httpRequest/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
for(const key2 in data5){
if(!((((key2 === "url") || (key2 === "method")) || (key2 === "status")) || (key2 === "bodyContains"))){
const err15 = {instancePath:instancePath+"/http",schemaPath:"#/definitions/httpRequest/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data5.url !== undefined){
let data6 = data5.url;
if(typeof data6 === "string"){
if(!pattern1.test(data6)){
const err16 = {instancePath:instancePath+"/http/url",schemaPath:"#/definitions/httpRequest/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\""};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/http/url",schemaPath:"#/definitions/httpRequest/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data5.method !== undefined){
let data7 = data5.method;
if(typeof data7 !== "string"){
const err18 = {instancePath:instancePath+"/http/method",schemaPath:"#/definitions/httpRequest/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!(((data7 === "GET") || (data7 === "POST")) || (data7 === "PUT"))){
const err19 = {instancePath:instancePath+"/http/method",schemaPath:"#/definitions/httpRequest/properties/method/enum",keyword:"enum",params:{allowedValues: schema21.properties.method.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data5.status !== undefined){
let data8 = data5.status;
if(!((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8)))){
const err20 = {instancePath:instancePath+"/http/status",schemaPath:"#/definitions/httpRequest/properties/status/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(typeof data8 == "number"){
if(data8 > 599 || isNaN(data8)){
const err21 = {instancePath:instancePath+"/http/status",schemaPath:"#/definitions/httpRequest/properties/status/maximum",keyword:"maximum",params:{comparison: "<=", limit: 599},message:"must be <= 599"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data8 < 100 || isNaN(data8)){
const err22 = {instancePath:instancePath+"/http/status",schemaPath:"#/definitions/httpRequest/properties/status/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
if(data5.bodyContains !== undefined){
if(typeof data5.bodyContains !== "string"){
const err23 = {instancePath:instancePath+"/http/bodyContains",schemaPath:"#/definitions/httpRequest/properties/bodyContains/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
}
else {
const err24 = {instancePath:instancePath+"/http",schemaPath:"#/definitions/httpRequest/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.command !== undefined){
let data10 = data.command;
if(Array.isArray(data10)){
if(data10.length < 1){
const err25 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
if(typeof data10[i0] !== "string"){
const err26 = {instancePath:instancePath+"/command/" + i0,schemaPath:"#/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/command",schemaPath:"#/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data.timeout !== undefined){
let data12 = data.timeout;
if(typeof data12 === "string"){
if(!pattern2.test(data12)){
const err28 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"+"\""};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

const schema23 = {"type":"object","additionalProperties":false,"required":["http"],"properties":{"http":{"$ref":"#/definitions/httpRequest"},"timeout":{"$ref":"#/definitions/duration"}}};

function validate16(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.http === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "http"},message:"must have required property '"+"http"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "http") || (key0 === "timeout"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.http !== undefined){
let data0 = data.http;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
if(data0.url === undefined){
const err2 = {instancePath:instancePath+"/http",schemaPath:"#/definitions/httpRequest/required",keyword:"required",params:{missingProperty: "url"},message:"must have required property '"+"url"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key1 in data0){
if(!((((key1 === "url") || (key1 === "method")) || (key1 === "status")) || (key1 === "bodyContains"))){
const err3 = {instancePath:instancePath+"/http",schemaPath:"#/definitions/httpRequest/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data0.url !== undefined){
let data1 = data0.url;
if(typeof data1 === "string"){
if(!pattern1.test(data1)){
const err4 = {instancePath:instancePath+"/http/url",schemaPath:"#/definitions/httpRequest/properties/url/pattern",keyword:"pattern",params:{pattern: "^https?://"},message:"must match pattern \""+"^https?://"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/http/url",schemaPath:"#/definitions/httpRequest/properties/url/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data0.method !== undefined){
let data2 = data0.method;
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/http/method",schemaPath:"#/definitions/httpRequest/properties/method/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!(((data2 === "GET") || (data2 === "POST")) || (data2 === "PUT"))){
const err7 = {instancePath:instancePath+"/http/method",schemaPath:"#/definitions/httpRequest/properties/method/enum",keyword:"enum",params:{allowedValues: schema21.properties.method.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data0.status !== undefined){
let data3 = data0.status;
if(!((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3)))){
const err8 = {instancePath:instancePath+"/http/status",schemaPath:"#/definitions/httpRequest/properties/status/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(typeof data3 == "number"){
if(data3 > 599 || isNaN(data3)){
const err9 = {instancePath:instancePath+"/http/status",schemaPath:"#/definitions/httpRequest/properties/status/maximum",keyword:"maximum",params:{comparison: "<=", limit: 599},message:"must be <= 599"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data3 < 100 || isNaN(data3)){
const err10 = {instancePath:instancePath+"/http/status",schemaPath:"#/definitions/httpRequest/properties/status/minimum",keyword:"minimum",params:{comparison: ">=", limit: 100},message:"must be >= 100"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
if(data0.bodyContains !== undefined){
if(typeof data0.bodyContains !== "string"){
const err11 = {instancePath:instancePath+"/http/bodyContains",schemaPath:"#/definitions/httpRequest/properties/bodyContains/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
else {
const err12 = {instancePath:instancePath+"/http",schemaPath:"#/definitions/httpRequest/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.timeout !== undefined){
let data5 = data.timeout;
if(typeof data5 === "string"){
if(!pattern2.test(data5)){
const err13 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"+"\""};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/timeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate16.errors = vErrors;
return errors === 0;
}


function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((key0 === "wait") || (key0 === "reload")) || (key0 === "verify")) || (key0 === "checkTimeout"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.wait !== undefined){
let data0 = data.wait;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
if(!((key1 === "min") || (key1 === "max"))){
const err1 = {instancePath:instancePath+"/wait",schemaPath:"#/properties/wait/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data0.min !== undefined){
let data1 = data0.min;
if(typeof data1 === "string"){
if(!pattern2.test(data1)){
const err2 = {instancePath:instancePath+"/wait/min",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"+"\""};
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
const err3 = {instancePath:instancePath+"/wait/min",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data0.max !== undefined){
let data2 = data0.max;
if(typeof data2 === "string"){
if(!pattern2.test(data2)){
const err4 = {instancePath:instancePath+"/wait/max",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"+"\""};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/wait/max",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
else {
const err6 = {instancePath:instancePath+"/wait",schemaPath:"#/properties/wait/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.reload !== undefined){
if(!(validate14(data.reload, {instancePath:instancePath+"/reload",parentData:data,parentDataProperty:"reload",rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
if(data.verify !== undefined){
if(!(validate16(data.verify, {instancePath:instancePath+"/verify",parentData:data,parentDataProperty:"verify",rootData}))){
vErrors = vErrors === null ? validate16.errors : vErrors.concat(validate16.errors);
errors = vErrors.length;
}
}
if(data.checkTimeout !== undefined){
let data5 = data.checkTimeout;
if(typeof data5 === "string"){
if(!pattern2.test(data5)){
const err7 = {instancePath:instancePath+"/checkTimeout",schemaPath:"#/definitions/duration/pattern",keyword:"pattern",params:{pattern: "^[0-9]+(\\.[0-9]+)?(ms|s|m)$"},message:"must match pattern \""+"^[0-9]+(\\.[0-9]+)?(ms|s|m)$"+"\""};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/checkTimeout",schemaPath:"#/definitions/duration/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}

const func11 = Object.prototype.hasOwnProperty;

function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://tandem.dev/schemas/reloader-config.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.templates === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "templates"},message:"must have required property '"+"templates"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "sources") || (key0 === "groups")) || (key0 === "templates"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.sources !== undefined){
let data0 = data.sources;
if(data0 && typeof data0 == "object" && !Array.isArray(data0)){
for(const key1 in data0){
const _errs4 = errors;
if(typeof key1 === "string"){
if(!pattern0.test(key1)){
const err2 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z_][a-zA-Z0-9_]*$"},message:"must match pattern \""+"^[a-zA-Z_][a-zA-Z0-9_]*$"+"\"",propertyName:key1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
var valid1 = _errs4 === errors;
if(!valid1){
const err3 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/propertyNames",keyword:"propertyNames",params:{propertyName: key1},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
for(const key2 in data0){
if(!(validate11(data0[key2], {instancePath:instancePath+"/sources/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data0,parentDataProperty:key2,rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
else {
const err4 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.groups !== undefined){
let data2 = data.groups;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
for(const key3 in data2){
const _errs9 = errors;
if(typeof key3 === "string"){
if(!pattern5.test(key3)){
const err5 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/propertyNames/pattern",keyword:"pattern",params:{pattern: "^[a-zA-Z0-9_.-]+$"},message:"must match pattern \""+"^[a-zA-Z0-9_.-]+$"+"\"",propertyName:key3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
var valid3 = _errs9 === errors;
if(!valid3){
const err6 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/propertyNames",keyword:"propertyNames",params:{propertyName: key3},message:"property name must be valid"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
for(const key4 in data2){
if(!(validate13(data2[key4], {instancePath:instancePath+"/groups/" + key4.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data2,parentDataProperty:key4,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath:instancePath+"/groups",schemaPath:"#/properties/groups/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.templates !== undefined){
let data4 = data.templates;
if(Array.isArray(data4)){
if(data4.length < 1){
const err8 = {instancePath:instancePath+"/templates",schemaPath:"#/properties/templates/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(data5 && typeof data5 == "object" && !Array.isArray(data5)){
if(data5.dest === undefined){
const err9 = {instancePath:instancePath+"/templates/" + i0,schemaPath:"#/definitions/template/required",keyword:"required",params:{missingProperty: "dest"},message:"must have required property '"+"dest"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key5 in data5){
if(!(func11.call(schema27.properties, key5))){
const err10 = {instancePath:instancePath+"/templates/" + i0,schemaPath:"#/definitions/template/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data5.src !== undefined){
let data6 = data5.src;
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err11 = {instancePath:instancePath+"/templates/" + i0+"/src",schemaPath:"#/definitions/template/properties/src/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/templates/" + i0+"/src",schemaPath:"#/definitions/template/properties/src/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data5.template !== undefined){
if(typeof data5.template !== "string"){
const err13 = {instancePath:instancePath+"/templates/" + i0+"/template",schemaPath:"#/definitions/template/properties/template/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data5.dest !== undefined){
let data8 = data5.dest;
if(typeof data8 === "string"){
if(!pattern3.test(data8)){
const err14 = {instancePath:instancePath+"/templates/" + i0+"/dest",schemaPath:"#/definitions/template/properties/dest/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\""};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/templates/" + i0+"/dest",schemaPath:"#/definitions/template/properties/dest/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data5.mode !== undefined){
let data9 = data5.mode;
if(typeof data9 === "string"){
if(!pattern16.test(data9)){
const err16 = {instancePath:instancePath+"/templates/" + i0+"/mode",schemaPath:"#/definitions/template/properties/mode/pattern",keyword:"pattern",params:{pattern: "^0?[0-7]{3}$"},message:"must match pattern \""+"^0?[0-7]{3}$"+"\""};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/templates/" + i0+"/mode",schemaPath:"#/definitions/template/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data5.uid !== undefined){
let data10 = data5.uid;
if(!((typeof data10 == "number") && (!(data10 % 1) && !isNaN(data10)))){
const err18 = {instancePath:instancePath+"/templates/" + i0+"/uid",schemaPath:"#/definitions/template/properties/uid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(typeof data10 == "number"){
if(data10 < 0 || isNaN(data10)){
const err19 = {instancePath:instancePath+"/templates/" + i0+"/uid",schemaPath:"#/definitions/template/properties/uid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data5.gid !== undefined){
let data11 = data5.gid;
if(!((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11)))){
const err20 = {instancePath:instancePath+"/templates/" + i0+"/gid",schemaPath:"#/definitions/template/properties/gid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(typeof data11 == "number"){
if(data11 < 0 || isNaN(data11)){
const err21 = {instancePath:instancePath+"/templates/" + i0+"/gid",schemaPath:"#/definitions/template/properties/gid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data5.sources !== undefined){
let data12 = data5.sources;
if(Array.isArray(data12)){
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
if(typeof data12[i1] !== "string"){
const err22 = {instancePath:instancePath+"/templates/" + i0+"/sources/" + i1,schemaPath:"#/definitions/template/properties/sources/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath:instancePath+"/templates/" + i0+"/sources",schemaPath:"#/definitions/template/properties/sources/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data5.check !== undefined){
let data14 = data5.check;
if(Array.isArray(data14)){
if(data14.length < 1){
const err24 = {instancePath:instancePath+"/templates/" + i0+"/check",schemaPath:"#/definitions/template/properties/check/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
const len2 = data14.length;
for(let i2=0; i2<len2; i2++){
if(typeof data14[i2] !== "string"){
const err25 = {instancePath:instancePath+"/templates/" + i0+"/check/" + i2,schemaPath:"#/definitions/template/properties/check/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/templates/" + i0+"/check",schemaPath:"#/definitions/template/properties/check/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data5.group !== undefined){
let data16 = data5.group;
if(typeof data16 === "string"){
if(func2(data16) < 1){
const err27 = {instancePath:instancePath+"/templates/" + i0+"/group",schemaPath:"#/definitions/template/properties/group/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/templates/" + i0+"/group",schemaPath:"#/definitions/template/properties/group/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/templates/" + i0,schemaPath:"#/definitions/template/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
}
else {
const err30 = {instancePath:instancePath+"/templates",schemaPath:"#/properties/templates/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
}
else {
const err31 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
function ucs2length(text) {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
