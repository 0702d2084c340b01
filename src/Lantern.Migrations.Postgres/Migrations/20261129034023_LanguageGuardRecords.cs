using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Lantern.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class LanguageGuardRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LanguageFindings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    Form = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Field = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RecordType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecordId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    EntryId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    KeptNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LanguageFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LanguageFindings_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LanguageFindings_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LanguagePhraseChanges",
                columns: table => new
                {
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    EntryId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<Guid>(type: "uuid", nullable: false),
                    Snapshot = table.Column<string>(type: "character varying(30000)", maxLength: 30000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LanguagePhraseChanges", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "LanguagePhrases",
                columns: table => new
                {
                    EntryId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Severity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Patterns = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Alternatives = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LanguagePhrases", x => x.EntryId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LanguageFindings_AgencyId",
                table: "LanguageFindings",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_LanguageFindings_RecordType_RecordId",
                table: "LanguageFindings",
                columns: new[] { "RecordType", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_LanguageFindings_ReviewId_Field_EntryId",
                table: "LanguageFindings",
                columns: new[] { "ReviewId", "Field", "EntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LanguageFindings_SeenAt_AgencyId",
                table: "LanguageFindings",
                columns: new[] { "SeenAt", "AgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_LanguageFindings_TeamId",
                table: "LanguageFindings",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_LanguagePhraseChanges_EntryId",
                table: "LanguagePhraseChanges",
                column: "EntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LanguageFindings");

            migrationBuilder.DropTable(
                name: "LanguagePhraseChanges");

            migrationBuilder.DropTable(
                name: "LanguagePhrases");
        }
    }
}
