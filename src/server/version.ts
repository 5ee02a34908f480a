// The version the server reports (status, OpenAPI, MCP); kept equal to package.json by the server tests.
export const mianbaVersion = '0.1.0';
