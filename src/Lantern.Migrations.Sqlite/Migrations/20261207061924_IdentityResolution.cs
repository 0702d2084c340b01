using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Lantern.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IdentityResolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "MergedAt",
                table: "Children",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "Children",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ChildMerges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SurvivorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MergedId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MatchId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MergedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    MergedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    UndoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    UndoneBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    UndoneByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    UndoReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildMerges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildMerges_Children_MergedId",
                        column: x => x.MergedId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ChildMerges_Children_SurvivorId",
                        column: x => x.SurvivorId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IdentityChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChildId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdentityMatches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ChildId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CandidateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordReference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Probability = table.Column<double>(type: "REAL", nullable: false),
                    HeldBackBy = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Explanation = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    MergeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdentityMatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IdentityMatches_Children_CandidateId",
                        column: x => x.CandidateId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IdentityMatches_Children_ChildId",
                        column: x => x.ChildId,
                        principalTable: "Children",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ChildMergeMove",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MergeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Table = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RowId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SubjectMoved = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChildMergeMove", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ChildMergeMove_ChildMerges_MergeId",
                        column: x => x.MergeId,
                        principalTable: "ChildMerges",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Children_MergedIntoId",
                table: "Children",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildMergeMove_MergeId",
                table: "ChildMergeMove",
                column: "MergeId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildMerges_MergedId",
                table: "ChildMerges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_ChildMerges_SurvivorId",
                table: "ChildMerges",
                column: "SurvivorId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentityChanges_ChildId",
                table: "IdentityChanges",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentityMatches_CandidateId",
                table: "IdentityMatches",
                column: "CandidateId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentityMatches_ChildId",
                table: "IdentityMatches",
                column: "ChildId");

            migrationBuilder.CreateIndex(
                name: "IX_IdentityMatches_Status_CreatedAt",
                table: "IdentityMatches",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Children_Children_MergedIntoId",
                table: "Children",
                column: "MergedIntoId",
                principalTable: "Children",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Children_Children_MergedIntoId",
                table: "Children");

            migrationBuilder.DropTable(
                name: "ChildMergeMove");

            migrationBuilder.DropTable(
                name: "IdentityChanges");

            migrationBuilder.DropTable(
                name: "IdentityMatches");

            migrationBuilder.DropTable(
                name: "ChildMerges");

            migrationBuilder.DropIndex(
                name: "IX_Children_MergedIntoId",
                table: "Children");

            migrationBuilder.DropColumn(
                name: "MergedAt",
                table: "Children");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Children");
        }
    }
}
