namespace ProdReady.TestTarget;

/// <summary>What the target's API serves, public so tests can assert against the exact text.</summary>
public static class ApiContent
{
    /// <summary>Over 1 KB, so the compression probe can use it: GET /orders secured, GET /catalog public, the rest need parameters.</summary>
    public const string OpenApiDocument = """
        {
          "openapi": "3.0.1",
          "info": { "title": "Orders API", "version": "1.4.2", "description": "Orders placed by signed-in customers, and the public catalog." },
          "servers": [ { "url": "/api/v1" } ],
          "security": [ { "bearer": [] } ],
          "paths": {
            "/orders": {
              "get": {
                "summary": "The caller's orders, newest first",
                "parameters": [ { "name": "page", "in": "query", "required": false, "schema": { "type": "integer", "minimum": 1 } } ],
                "responses": { "200": { "description": "A page of orders", "content": { "application/json": { "schema": { "type": "array", "items": { "$ref": "#/components/schemas/Order" } } } } }, "401": { "description": "Not signed in" } }
              },
              "post": {
                "summary": "Place an order",
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Order" } } } },
                "responses": { "201": { "description": "Placed" } }
              }
            },
            "/orders/{id}": {
              "parameters": [ { "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } } ],
              "get": { "summary": "One order", "responses": { "200": { "description": "The order" }, "404": { "description": "No such order" } } }
            },
            "/reports": {
              "get": { "summary": "Sales between two dates", "parameters": [ { "$ref": "#/components/parameters/From" } ], "responses": { "200": { "description": "The report" } } }
            },
            "/catalog": {
              "get": { "summary": "Everything on sale", "security": [], "responses": { "200": { "description": "The catalog" } } }
            }
          },
          "components": {
            "parameters": { "From": { "name": "from", "in": "query", "required": true, "schema": { "type": "string", "format": "date" } } },
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" } },
            "schemas": {
              "Order": {
                "type": "object",
                "required": [ "id", "customer", "total" ],
                "properties": { "id": { "type": "integer" }, "customer": { "type": "string", "format": "email" }, "total": { "type": "number" } }
              }
            }
          }
        }
        """;

    /// <summary>A doubled comma on line 5.</summary>
    public const string MalformedOpenApiDocument = """
        {
          "openapi": "3.0.1",
          "info": { "title": "Orders API", "version": "1.4.2" },
          "paths": {
            "/orders": { "get": { "summary": "The caller's orders" } },,
            "/catalog": { "get": { "security": [] } }
          }
        }
        """;

    public const string Orders = """[{"id":1042,"customer":"ada@example.test","total":129.5}]""";
}
