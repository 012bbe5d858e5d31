// Starts Swagger UI on /api/docs from the vendored bundle (no inline script: see the CSP).
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
