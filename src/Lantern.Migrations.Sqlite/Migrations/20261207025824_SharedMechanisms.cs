using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SharedMechanisms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "ProfessionalChallenges",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "Alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectId = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ChildId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AcknowledgedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ActionTaken = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ActionedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ActionedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ActionedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CloseReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ClosedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Alerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Alerts_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Mentions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ChronologyEntryId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mentions", x => x.Id);
                    table.CheckConstraint("CK_Mentions_OneRecord", "(\"ReferralId\" IS NULL) <> (\"ChronologyEntryId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_Mentions_ChronologyEntries_ChronologyEntryId",
                        column: x => x.ChronologyEntryId,
                        principalTable: "ChronologyEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Mentions_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AlertEvidence",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlertId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordReference = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlertEvidence_Alerts_AlertId",
                        column: x => x.AlertId,
                        principalTable: "Alerts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertEvidence_AlertId",
                table: "AlertEvidence",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_ChildId_Status",
                table: "Alerts",
                columns: new[] { "ChildId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Reference",
                table: "Alerts",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Alerts_Rule_SubjectType_SubjectId",
                table: "Alerts",
                columns: new[] { "Rule", "SubjectType", "SubjectId" },
                unique: true,
                filter: "\"ClosedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_ChronologyEntryId",
                table: "Mentions",
                column: "ChronologyEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_Kind_Value",
                table: "Mentions",
                columns: new[] { "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_Mentions_ReferralId",
                table: "Mentions",
                column: "ReferralId");

            // One table of mentions for every record that names people, vehicles, phones and places.
            migrationBuilder.Sql("""
                INSERT INTO "Mentions" ("Kind", "Value", "Detail", "ReferralId")
                SELECT "Kind", "Value", "Detail", "ReferralId" FROM "ReferralMentions" ORDER BY "Id";
                """);
            migrationBuilder.Sql("""
                INSERT INTO "Mentions" ("Kind", "Value", "Detail", "ChronologyEntryId")
                SELECT "Kind", "Value", "Detail", "EntryId" FROM "ChronologyLinks" ORDER BY "Id";
                """);

            // The repeat-missing alerts move to the one alert model; a cleared one is closed. Only one alert of a
            // rule about a child may be open: should a child have two open (the old check-then-insert allowed
            // it), the earliest stays open and the others are closed, saying why.
            migrationBuilder.Sql("""
                INSERT INTO "Alerts" ("Id", "Reference", "Rule", "SubjectType", "SubjectId", "ChildId", "Summary", "RaisedAt", "UpdatedAt",
                    "Status", "CloseReason", "ClosedAt", "Version")
                SELECT '00000000-0000-7000-8000-' || printf('%012d', c."Id"), 'ALR-M' || printf('%09d', c."Id"), c."Kind", 'Child', lower(c."ChildId"), c."ChildId", c."Summary", c."RaisedAt",
                    COALESCE(c."ClearedAt", c."RaisedAt"),
                    CASE WHEN c."ClearedAt" IS NULL AND NOT EXISTS (SELECT 1 FROM "ChildAlerts" e WHERE e."ChildId" = c."ChildId" AND e."Kind" = c."Kind" AND e."ClearedAt" IS NULL AND e."Id" < c."Id")
                        THEN 'Open' ELSE 'Closed' END,
                    CASE WHEN c."ClearedAt" IS NOT NULL THEN 'Cleared before alerts were closed with a reason'
                        WHEN EXISTS (SELECT 1 FROM "ChildAlerts" e WHERE e."ChildId" = c."ChildId" AND e."Kind" = c."Kind" AND e."ClearedAt" IS NULL AND e."Id" < c."Id")
                        THEN 'A second open alert about the same child, closed when alerts were joined into one'
                        ELSE NULL END,
                    CASE WHEN c."ClearedAt" IS NOT NULL THEN c."ClearedAt"
                        WHEN EXISTS (SELECT 1 FROM "ChildAlerts" e WHERE e."ChildId" = c."ChildId" AND e."Kind" = c."Kind" AND e."ClearedAt" IS NULL AND e."Id" < c."Id")
                        THEN c."RaisedAt"
                        ELSE NULL END,
                    0
                FROM "ChildAlerts" c;
                """);

            migrationBuilder.DropTable(
                name: "ChildAlerts");

            migrationBuilder.DropTable(
                name: "ChronologyLinks");

            migrationBuilder.DropTable(
                name: "ReferralMentions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertEvidence");

            migrationBuilder.DropTable(
                name: "Mentions");

            migrationBuilder.DropTable(
                name: "Alerts");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "ProfessionalChallenges");

            migrationBuilder.CreateTable(
                name: "ChildAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChildId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClearedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    RaisedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildAlerts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChronologyLinks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    EntryId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChronologyLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChronologyLinks_ChronologyEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ChronologyEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferralMentions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReferralId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferralMentions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReferralMentions_Referrals_ReferralId",
                        column: x => x.ReferralId,
                        principalTable: "Referrals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ChildAlerts_ChildId",
                table: "ChildAlerts",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyLinks_EntryId",
                table: "ChronologyLinks",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ChronologyLinks_Kind_Value",
                table: "ChronologyLinks",
                columns: new[] { "Kind", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_ReferralMentions_ReferralId",
                table: "ReferralMentions",
                column: "ReferralId");
        }
    }
}
