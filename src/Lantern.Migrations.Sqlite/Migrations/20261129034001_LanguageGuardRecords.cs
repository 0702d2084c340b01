using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
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
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReviewId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeenAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TeamId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Form = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    KeptNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
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
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<Guid>(type: "TEXT", nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", maxLength: 30000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LanguagePhraseChanges", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "LanguagePhrases",
                columns: table => new
                {
                    EntryId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Patterns = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Alternatives = table.Column<string>(type: "TEXT", maxLength: 10000, nullable: false),
                    Retired = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<Guid>(type: "TEXT", nullable: false)
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
